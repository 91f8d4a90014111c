namespace LeadScoring.Scoring.Runs;

/// <summary>
/// A step of one upload's fan-out: a range's lines to fan out into <see cref="ScoreLeadMessage"/>s (queue <c>plan-leads</c>).
/// <see cref="Waits"/> counts how often the chunk waited for <c>score-leads</c> to drain (its back-off grows with it).
/// </summary>
public sealed record PlanLeadsMessage(
    string RunId,
    string OfferId,
    string UploadId,
    long FirstLine,
    long LastLine,
    int Waits = 0);
