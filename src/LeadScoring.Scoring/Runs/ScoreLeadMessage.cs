using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// One lead to score in one run (queue <c>score-leads</c>). The names are pinned so the Functions worker's
/// default serializer and ours read the same JSON.
/// </summary>
public sealed record ScoreLeadMessage(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("lead_id")] string LeadId);
