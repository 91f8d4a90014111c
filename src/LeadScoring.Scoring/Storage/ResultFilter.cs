using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Storage;

/// <summary>A score range (inclusive): an intent is a band of scores and min_score raises the lower bound.</summary>
public sealed record ResultFilter(int MinScore, int MaxScore)
{
    public static ResultFilter All { get; } = new(0, 100);

    public static ResultFilter From(Intent? intent, int? minScore)
    {
        var (min, max) = intent switch
        {
            Intent.High => (80, 100),
            Intent.Medium => (50, 79),
            Intent.Low => (0, 49),
            _ => (0, 100),
        };
        return new ResultFilter(Math.Max(min, minScore ?? 0), max);
    }
}
