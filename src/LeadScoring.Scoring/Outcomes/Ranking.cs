namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// How well a score ranks converted leads above the rest: ROC-AUC with DeLong's 95% interval, PR-AUC (average
/// precision) with the logit interval of Boyd, Eng and Page (2013), and the lift of the top 10% and 20%. Ties are
/// counted half (ROC) or as one threshold (PR, lift), so a coarse score is not credited for an order it does not give.
/// </summary>
/// <remarks>Written by hand: ML.NET's evaluator gives neither interval, and these are a few dozen lines of textbook statistics.</remarks>
public static class Ranking
{
    private const double Z95 = 1.959963984540054;

    public static RankingMetrics Measure(IReadOnlyList<(double Score, bool Converted)> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var positives = leads.Count(lead => lead.Converted);
        var negatives = leads.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("Both outcomes are needed to measure a ranking.", nameof(leads));

        var (auc, aucLow, aucHigh) = RocAuc(leads, positives, negatives);
        var (ap, apLow, apHigh) = AveragePrecision(leads, positives);
        var baseRate = (double)positives / leads.Count;
        return new RankingMetrics(auc, aucLow, aucHigh, ap, apLow, apHigh, Lift(leads, 0.1, baseRate), Lift(leads, 0.2, baseRate));
    }

    /// <summary>The area under the ROC curve (Mann-Whitney, ties half) and DeLong's interval from the placement values.</summary>
    private static (double Auc, double Low, double High) RocAuc(IReadOnlyList<(double Score, bool Converted)> leads, int positives, int negatives)
    {
        // For each score: how many negatives and positives score below it, and how many equal it.
        var groups = leads.GroupBy(lead => lead.Score).OrderBy(group => group.Key)
            .Select(group => (Score: group.Key, Positives: group.Count(lead => lead.Converted), Negatives: group.Count(lead => !lead.Converted)))
            .ToList();
        var (negativesBelow, positivesBelow) = (0, 0);
        var placements = new Dictionary<double, (double Positive, double Negative)>();
        foreach (var group in groups)
        {
            // A positive's placement: the share of negatives it outranks; a negative's: the share of positives that outrank it.
            var positive = (negativesBelow + 0.5 * group.Negatives) / negatives;
            var negative = (positives - positivesBelow - group.Positives + 0.5 * group.Positives) / positives;
            placements[group.Score] = (positive, negative);
            (negativesBelow, positivesBelow) = (negativesBelow + group.Negatives, positivesBelow + group.Positives);
        }

        var v10 = leads.Where(lead => lead.Converted).Select(lead => placements[lead.Score].Positive).ToList();
        var v01 = leads.Where(lead => !lead.Converted).Select(lead => placements[lead.Score].Negative).ToList();
        var auc = v10.Average();
        var variance = SampleVariance(v10, auc) / positives + SampleVariance(v01, v01.Average()) / negatives;
        var half = Z95 * Math.Sqrt(variance);
        return (auc, Math.Max(0, auc - half), Math.Min(1, auc + half));
    }

    /// <summary>Average precision over the distinct scores, best first, and its logit interval.</summary>
    private static (double Ap, double Low, double High) AveragePrecision(IReadOnlyList<(double Score, bool Converted)> leads, int positives)
    {
        var (seen, found, ap) = (0, 0, 0.0);
        foreach (var group in leads.GroupBy(lead => lead.Score).OrderByDescending(group => group.Key))
        {
            var groupPositives = group.Count(lead => lead.Converted);
            seen += group.Count();
            found += groupPositives;
            ap += (double)groupPositives / positives * ((double)found / seen);
        }

        if (ap <= 0 || ap >= 1) return (ap, ap, ap);
        var logit = Math.Log(ap / (1 - ap));
        var half = Z95 / Math.Sqrt(positives * ap * (1 - ap));
        return (ap, Expit(logit - half), Expit(logit + half));
    }

    /// <summary>The conversion rate of the best-scored share of leads over the base rate; a tie at the cut counts pro rata.</summary>
    internal static double Lift(IReadOnlyList<(double Score, bool Converted)> leads, double share, double baseRate)
    {
        var wanted = Math.Max(1, (int)Math.Ceiling(share * leads.Count));
        var (taken, positives) = (0, 0.0);
        foreach (var group in leads.GroupBy(lead => lead.Score).OrderByDescending(group => group.Key))
        {
            var size = group.Count();
            var groupPositives = group.Count(lead => lead.Converted);
            if (taken + size <= wanted)
            {
                (taken, positives) = (taken + size, positives + groupPositives);
                if (taken == wanted) break;
                continue;
            }

            positives += groupPositives * (double)(wanted - taken) / size;
            taken = wanted;
            break;
        }

        return positives / taken / baseRate;
    }

    private static double SampleVariance(List<double> values, double mean) =>
        values.Count < 2 ? 0 : values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1);

    private static double Expit(double x) => 1 / (1 + Math.Exp(-x));
}
