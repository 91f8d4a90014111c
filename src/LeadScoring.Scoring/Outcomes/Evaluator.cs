using System.Globalization;

namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// Measures an offer's scores against its outcomes: conversion by intent and by score decile, and how well the
/// score, the rules alone and the AI alone rank the converted first. Below <see cref="MinLabelled"/> labelled leads,
/// or <see cref="MinPerOutcome"/> of either outcome, it says so and gives no ranking numbers: an AUC over a dozen
/// leads would look like knowledge it is not.
/// </summary>
public static class Evaluator
{
    public const int MinLabelled = 40;
    public const int MinPerOutcome = 10;
    private const int Deciles = 10;

    public static OfferEvaluation Evaluate(string offerId, IReadOnlyList<ScoredOutcome> labelled, int open, int unscored)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var converted = labelled.Count(lead => lead.Converted);
        var missed = labelled.Count - converted;
        var enough = labelled.Count >= MinLabelled && converted >= MinPerOutcome && missed >= MinPerOutcome;
        var needed = enough ? null : string.Create(CultureInfo.InvariantCulture,
            $"{labelled.Count} scored leads have a known outcome ({converted} converted, {missed} not); a fair measure needs at least {MinLabelled}, with {MinPerOutcome} of each.");
        var judged = labelled.Where(lead => lead.JudgedByAi).ToList();
        return new OfferEvaluation(
            offerId,
            labelled.Count,
            converted,
            open,
            unscored,
            labelled.Count == 0 ? null : (double)converted / labelled.Count,
            enough,
            needed,
            ByIntent(labelled),
            ByDecile(labelled),
            enough ? Ranking.Measure([.. labelled.Select(lead => ((double)lead.Score, lead.Converted))]) : null,
            enough ? Ranking.Measure([.. labelled.Select(lead => ((double)lead.RulePoints, lead.Converted))]) : null,
            enough && judged.Count(lead => lead.Converted) >= MinPerOutcome && judged.Count(lead => !lead.Converted) >= MinPerOutcome
                ? Ranking.Measure([.. judged.Select(lead => ((double)lead.AiPoints, lead.Converted))])
                : null)
        {
            JudgedByAi = judged.Count,
        };
    }

    /// <summary>The seed's intent bands, which the score decides (so this namespace needs no AI type).</summary>
    private static List<ConversionBand> ByIntent(IReadOnlyList<ScoredOutcome> labelled) =>
    [
        .. new[] { ("High", 80, 100), ("Medium", 50, 79), ("Low", 0, 49) }.Select(band =>
        {
            var leads = labelled.Where(lead => lead.Score >= band.Item2 && lead.Score <= band.Item3).ToList();
            return new ConversionBand(band.Item1, band.Item2, band.Item3, leads.Count, leads.Count(lead => lead.Converted));
        }),
    ];

    /// <summary>Ten bands of (nearly) equal size, best scores first; empty with fewer than ten leads.</summary>
    private static List<ConversionBand> ByDecile(IReadOnlyList<ScoredOutcome> labelled)
    {
        if (labelled.Count < Deciles) return [];
        var sorted = labelled.OrderByDescending(lead => lead.Score).ToList();
        var bands = new List<ConversionBand>(Deciles);
        for (var decile = 0; decile < Deciles; decile++)
        {
            var (from, to) = (decile * sorted.Count / Deciles, (decile + 1) * sorted.Count / Deciles);
            var leads = sorted.GetRange(from, to - from);
            bands.Add(new ConversionBand(
                string.Create(CultureInfo.InvariantCulture, $"top {(decile + 1) * 10}%"), leads[^1].Score, leads[0].Score, leads.Count, leads.Count(lead => lead.Converted)));
        }

        return bands;
    }
}
