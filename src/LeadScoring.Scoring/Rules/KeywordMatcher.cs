namespace LeadScoring.Scoring.Rules;

/// <summary>
/// Finds which keyword of a set of tiered tables a role or industry names.
/// </summary>
/// <remarks>
/// The matching rule:
/// <list type="number">
/// <item>Text and keywords are normalised the same way (<see cref="KeywordText.Words"/>): lower-cased (invariant), then split into words made of letters and
/// digits. Every other character (space, - _ / &amp; . , ( ) and so on) is a word boundary, so "Co-Founder" is "co founder"
/// and "vp-sales" and "VP, Sales" are "vp sales". Case changes inside a word do not split it: "FinTech" is "fintech".
/// One exception: a dotted abbreviation of single letters loses its dots, so "V.P." is "vp" and "C.E.O." is "ceo".</item>
/// <item>A keyword matches only as a whole sequence of words in the text: "cto" does not match "Director", "coo" does
/// not match "Coordinator", "lead" does not match "Leadership", "tech" does not match "FinTech" or "Technology".
/// There is no stemming: "founders" does not match "founder"; put variants (or abbreviations such as "svp") in the table.</item>
/// <item>Of all the keywords that match, across every tier, the most specific wins: the one with the most words.
/// A tie goes to the higher tier, then to the keyword found earlier in the text, then to the earlier keyword in its table.
/// So "Healthcare Tech" is "healthcare tech" (adjacent), not "healthcare" (neutral) nor "tech" (target), and
/// "Senior Director" is "director" (senior), not "senior" (influencer). Specificity comes before tier because a
/// longer phrase is a deliberate exception to its words: taking the highest tier first would make "healthcare tech" a
/// target industry through "tech".</item>
/// <item>A keyword with no letters or digits never matches (options validation rejects one in configuration; an offer's is ignored).</item>
/// </list>
/// Instances are immutable and safe to share between threads.
/// </remarks>
internal sealed class KeywordMatcher<TTier> where TTier : struct, Enum
{
    private readonly Entry[] entries;

    /// <param name="tables">The tables, any order; each keyword keeps its table's tier.</param>
    public KeywordMatcher(IEnumerable<(TTier Tier, IEnumerable<string> Keywords)> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var list = new List<Entry>();
        foreach (var (tier, keywords) in tables)
        {
            var order = 0;
            foreach (var keyword in keywords)
            {
                var words = KeywordText.Words(keyword);
                if (words.Length > 0) list.Add(new Entry(tier, keyword.Trim(), words, order));
                order++;
            }
        }
        entries = [.. list];
    }

    /// <summary>The best match in <paramref name="text"/> by the rule above, or null when no keyword matches.</summary>
    public KeywordMatch<TTier>? Match(string? text)
    {
        var words = KeywordText.Words(text);
        if (words.Length == 0) return null;

        Entry? best = null;
        var bestPosition = 0;
        foreach (var entry in entries)
        {
            var position = IndexOf(words, entry.Words);
            if (position < 0) continue;
            if (best is null || Beats(entry, position, best, bestPosition))
            {
                best = entry;
                bestPosition = position;
            }
        }
        return best is null ? null : new KeywordMatch<TTier>(best.Tier, best.Keyword);
    }

    private static bool Beats(Entry candidate, int candidatePosition, Entry best, int bestPosition)
    {
        if (candidate.Words.Length != best.Words.Length) return candidate.Words.Length > best.Words.Length;
        var tier = Comparer<TTier>.Default.Compare(candidate.Tier, best.Tier);
        if (tier != 0) return tier > 0;
        if (candidatePosition != bestPosition) return candidatePosition < bestPosition;
        return candidate.Order < best.Order;
    }

    private static int IndexOf(string[] words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            if (words.AsSpan(start, phrase.Length).SequenceEqual(phrase)) return start;
        }
        return -1;
    }

    private sealed record Entry(TTier Tier, string Keyword, string[] Words, int Order);
}
