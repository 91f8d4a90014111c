namespace LeadScoring.Scoring.Runs;

/// <summary>
/// A step of one upload's fan-out: a range's lines to fan out into <see cref="ScoreLeadMessage"/>s (queue <c>plan-leads</c>).
/// <see cref="Waits"/> counts how often the chunk waited for <c>score-leads</c> to drain (its back-off grows with it).
/// <see cref="Expected"/> is how many of the upload's leads the run counted on when it started (its current versions);
/// the fan-out corrects the run where it queues more or fewer (null in messages sent before runs counted that way).
/// </summary>
public sealed record PlanLeadsMessage(
    string RunId,
    string OfferId,
    string UploadId,
    long FirstLine,
    long LastLine,
    int Waits = 0,
    int? Expected = null);
