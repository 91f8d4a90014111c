using System.Text.Json.Serialization;

namespace LeadScoring.Bench.EndToEnd;

// The slice of the HTTP API the harness reads (snake_case on the wire). Reading tolerates additions.

internal sealed record CreateOfferBody(string Name, string ValueProps, string IdealUseCases);

internal sealed record OfferCreated(string Id);

internal sealed record UploadReply(int Inserted, IReadOnlyList<RejectedRowReply>? Rejected, int? RejectedTotal, string? UploadId, string? Status = null)
{
    /// <summary>How long POST /leads/upload took to answer (201, or 202 for a background import).</summary>
    [JsonIgnore]
    public TimeSpan AnsweredAfter { get; init; }

    /// <summary>Answered 202: staged and imported in the background.</summary>
    [JsonIgnore]
    public bool Staged { get; init; }
}

/// <summary>GET /uploads/{id}: where a background import is.</summary>
internal sealed record UploadStatusReply(string UploadId, string Status, long Rows, long RowsImported, int Inserted, string? Failure);

internal sealed record RejectedRowReply(long Line, string Error);

internal sealed record StartScoringBody(string OfferId);

internal sealed record RunStartedReply(string RunId, string OfferId, int Queued);

internal sealed record RunStatusReply(
    string RunId, int Queued, int Scored, int Failed, bool Done, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, IReadOnlyList<RunFailureReply>? Failures,
    RunAiReply? Ai = null);

/// <summary>The run's own account of its AI half (GET /score/runs/{id} → ai).</summary>
internal sealed record RunAiReply(
    int Calls, int LeadsJudged, int LeadsFromCache, long PromptTokens, long AnswerTokens, long ThoughtTokens,
    IReadOnlyDictionary<string, int>? FallbacksByReason, decimal? EstimatedCostUsd, double LeadsPerCall);

internal sealed record RunFailureReply(string LeadId, string Error);

internal sealed record ResultReply(string LeadId, int Score, string Intent, string Source, string? FallbackReason, string RunId, DateTimeOffset ScoredAt);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CreateOfferBody))]
[JsonSerializable(typeof(OfferCreated))]
[JsonSerializable(typeof(UploadReply))]
[JsonSerializable(typeof(UploadStatusReply))]
[JsonSerializable(typeof(StartScoringBody))]
[JsonSerializable(typeof(RunStartedReply))]
[JsonSerializable(typeof(RunStatusReply))]
[JsonSerializable(typeof(List<ResultReply>))]
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
