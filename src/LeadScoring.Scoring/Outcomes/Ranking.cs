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
        var (v10, v01) = Placements(leads, positives, negatives);
        var auc = v10.Average();
        var variance = Covariance(v10, v10) / positives + Covariance(v01, v01) / negatives;
        var half = Z95 * Math.Sqrt(variance);
        return (auc, Math.Max(0, auc - half), Math.Min(1, auc + half));
    }

    /// <summary>
    /// How much better <paramref name="challenger"/> ranks the same leads than <paramref name="incumbent"/>: the
    /// difference of their ROC-AUCs with DeLong's paired 95% interval (DeLong, DeLong and Clarke-Pearson 1988), which
    /// counts that both scores rank the same leads, so a difference is judged against its own noise.
    /// <paramref name="z"/> sets the interval's width (1.96 for 95%).
    /// </summary>
    public static (double Difference, double Low, double High) CompareRocAuc(
        IReadOnlyList<(double Score, bool Converted)> challenger, IReadOnlyList<(double Score, bool Converted)> incumbent, double z = Z95)
    {
        ArgumentNullException.ThrowIfNull(challenger);
        ArgumentNullException.ThrowIfNull(incumbent);
        if (challenger.Count != incumbent.Count || challenger.Where((lead, i) => lead.Converted != incumbent[i].Converted).Any())
        {
            throw new ArgumentException("Both scores must rank the same leads, in the same order.", nameof(incumbent));
        }

        var positives = challenger.Count(lead => lead.Converted);
        var negatives = challenger.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("Both outcomes are needed to measure a ranking.", nameof(challenger));
        var (a10, a01) = Placements(challenger, positives, negatives);
        var (b10, b01) = Placements(incumbent, positives, negatives);
        var difference = a10.Average() - b10.Average();
        var variance = (Covariance(a10, a10) + Covariance(b10, b10) - 2 * Covariance(a10, b10)) / positives
            + (Covariance(a01, a01) + Covariance(b01, b01) - 2 * Covariance(a01, b01)) / negatives;
        var half = z * Math.Sqrt(Math.Max(0, variance));
        return (difference, difference - half, difference + half);
    }

    /// <summary>
    /// Each positive's placement (the share of negatives it outranks) and each negative's (the share of positives that
    /// outrank it), ties counted half, in the leads' order.
    /// </summary>
    private static (List<double> V10, List<double> V01) Placements(IReadOnlyList<(double Score, bool Converted)> leads, int positives, int negatives)
    {
        var groups = leads.GroupBy(lead => lead.Score).OrderBy(group => group.Key)
            .Select(group => (Score: group.Key, Positives: group.Count(lead => lead.Converted), Negatives: group.Count(lead => !lead.Converted)))
            .ToList();
        var (negativesBelow, positivesBelow) = (0, 0);
        var placements = new Dictionary<double, (double Positive, double Negative)>();
        foreach (var group in groups)
        {
            var positive = (negativesBelow + 0.5 * group.Negatives) / negatives;
            var negative = (positives - positivesBelow - group.Positives + 0.5 * group.Positives) / positives;
            placements[group.Score] = (positive, negative);
            (negativesBelow, positivesBelow) = (negativesBelow + group.Negatives, positivesBelow + group.Positives);
        }

        return ([.. leads.Where(lead => lead.Converted).Select(lead => placements[lead.Score].Positive)],
            [.. leads.Where(lead => !lead.Converted).Select(lead => placements[lead.Score].Negative)]);
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

    /// <summary>The sample covariance of two equally long lists (a list with itself: its variance).</summary>
    private static double Covariance(List<double> x, List<double> y)
    {
        if (x.Count < 2) return 0;
        var (meanX, meanY) = (x.Average(), y.Average());
        var sum = 0.0;
        for (var i = 0; i < x.Count; i++) sum += (x[i] - meanX) * (y[i] - meanY);
        return sum / (x.Count - 1);
    }

    private static double Expit(double x) => 1 / (1 + Math.Exp(-x));
}
