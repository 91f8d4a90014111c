using System.Text;
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
        var undotted = DottedAbbreviation().Replace(text, m => m.Value.Replace(".", "", StringComparison.Ordinal));
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in undotted)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0) words.Add(word.ToString());
        return [.. words];
    }

    /// <summary>True when <paramref name="keyword"/> has at least one word, so it can ever match.</summary>
    public static bool HasWords(string? keyword) => Words(keyword).Length > 0;

    // Two or more single letters joined by dots (the last dot optional), standing alone: "V.P.", "C.E.O", "A.I.".
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex DottedAbbreviation();
}
