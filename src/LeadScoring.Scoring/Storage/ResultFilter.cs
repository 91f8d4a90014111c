using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// A score range (inclusive): an intent is a band of scores and min_score raises the lower bound; and the order the
/// results come in (best score first, or best likelihood first).
/// </summary>
public sealed record ResultFilter(int MinScore, int MaxScore)
{
    public static ResultFilter All { get; } = new(0, 100);

    public ResultOrder Order { get; init; } = ResultOrder.Score;

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

/// <summary>
/// How results are ordered. By likelihood, only results that have one are listed: the others were scored before the
/// offer's model was adopted (a rescore gives them one).
/// </summary>
public enum ResultOrder
{
    Score,
    Likelihood,
}
