using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Runs;

/// <summary>A chunk of one upload's lines to fan out into <see cref="ScoreLeadMessage"/>s (queue <c>plan-leads</c>).</summary>
public sealed record PlanLeadsMessage(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("offer_id")] string OfferId,
    [property: JsonPropertyName("upload_id")] string UploadId,
    [property: JsonPropertyName("first_line")] long FirstLine,
    [property: JsonPropertyName("last_line")] long LastLine);
