using System.Text.RegularExpressions;

namespace LeadScoring.Scoring.Rules;

/// <summary>Splits a role, an industry or a keyword into the words <see cref="KeywordMatcher{TTier}"/> compares.</summary>
internal static partial class KeywordText
{
    /// <summary>
    /// Lower-cased (invariant) runs of letters and digits; every other character is a boundary.
    /// A dotted abbreviation of single letters ("V.P.", "C.E.O") first loses its dots, so it reads as one word.
    /// </summary>
    public static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var undotted = text.Contains('.', StringComparison.Ordinal)
            ? DottedAbbreviation().Replace(text, m => m.Value.Replace(".", "", StringComparison.Ordinal))
            : text;
        var words = new List<string>(4);
        for (var at = 0; at < undotted.Length;)
        {
            if (!char.IsLetterOrDigit(undotted[at]))
            {
                at++;
                continue;
            }

            var start = at;
            while (at < undotted.Length && char.IsLetterOrDigit(undotted[at])) at++;
            words.Add(string.Create(at - start, (undotted, start), static (word, source) =>
                source.undotted.AsSpan(source.start, word.Length).ToLowerInvariant(word)));
        }

        return [.. words];
    }

    /// <summary>True when <paramref name="keyword"/> has at least one word, so it can ever match.</summary>
    public static bool HasWords(string? keyword) => Words(keyword).Length > 0;

    // Two or more single letters joined by dots (the last dot optional), standing alone: "V.P.", "C.E.O", "A.I.".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex DottedAbbreviation();
}
