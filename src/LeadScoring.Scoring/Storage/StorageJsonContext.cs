using System.Text.Json.Serialization;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// JSON stored inside entities (keyword lists), in staged imports (blobs) and sent on queues (messages), snake_case like the HTTP API. The one
/// contract for queue messages: producers write with it and the worker's serializer is built from it
/// (<see cref="QueueJson"/>), so no message type needs attributes of its own.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeywordOverrides))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ScoreLeadMessage))]
[JsonSerializable(typeof(PlanLeadsMessage))]
[JsonSerializable(typeof(ImportLeadsMessage))]
[JsonSerializable(typeof(TrainModelMessage))]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(ModelPointer))]
[JsonSerializable(typeof(StagedLead))]
[JsonSerializable(typeof(ImportFindings))]
[JsonSerializable(typeof(Dictionary<string, int>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
