using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// A chunk of one upload's lines to fan out into <see cref="ScoreLeadMessage"/>s (queue <c>plan-leads</c>).
/// <see cref="Waits"/> counts how often the chunk waited for <c>score-leads</c> to drain (its back-off grows with it).
/// </summary>
public sealed record PlanLeadsMessage(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("upload_id")] string UploadId,
    [property: JsonPropertyName("first_line")] long FirstLine,
    [property: JsonPropertyName("last_line")] long LastLine,
    [property: JsonPropertyName("waits")] int Waits = 0);
