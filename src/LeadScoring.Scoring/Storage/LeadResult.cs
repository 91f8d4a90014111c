using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Storage;

/// <summary>A stored score: the lead and its score for one offer, which run wrote it and when.</summary>
public sealed record LeadResult(ScoredLead Scored, string RunId, DateTimeOffset ScoredAt)
{
    /// <summary>Its likelihood to convert under the offer's adopted model when it was scored; null without one.</summary>
    public ConversionLikelihood? Likelihood { get; init; }
}
