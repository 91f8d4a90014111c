using System.Text.Json.Serialization;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Runs;

namespace LeadScoring.Scoring.Storage;

/// <summary>JSON stored inside entities (keyword lists) and sent on queues (messages), snake_case like the HTTP API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(KeywordOverrides))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ScoreLeadMessage))]
[JsonSerializable(typeof(PlanLeadsMessage))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
