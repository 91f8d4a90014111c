using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace LeadScoring.Scoring.Rules;

/// <summary>
/// The industry labels real sources write (LinkedIn's old and current lists, HubSpot's enumeration, Salesforce's
/// picklist, Apollo's names, plain words such as "B2B SaaS"), read by meaning rather than by the words they happen to
/// contain: "Hospital &amp; Health Care" is healthcare, "Financial Technology" is fintech (not "tech"). The map is data,
/// <c>Rules/IndustryLabels.tsv</c>, with its sources. Labels are compared by their words (<see cref="KeywordText"/>),
/// ignoring "and", so "Hospital &amp; Health Care", "HOSPITAL_HEALTH_CARE" and "hospital and health care" are one.
/// </summary>
internal static class IndustryLabels
{
    private const string ResourceName = "LeadScoring.Scoring.Rules.IndustryLabels.tsv";

    /// <summary>Distinct labels remembered as written: a file repeats a few dozen labels over thousands of rows.</summary>
    private const int MaxRemembered = 20_000;

    private static readonly FrozenDictionary<string, IndustryLabel> ByKey = Load();
    private static int remembered;
    private static readonly ConcurrentDictionary<string, IndustryLabel?> Remembered = new(StringComparer.Ordinal);

    /// <summary>The category of each seed keyword, for a label the map does not know that a keyword still matched.</summary>
    private static readonly FrozenDictionary<string, string> KeywordCategories = new Dictionary<string, string>
    {
        ["saas"] = "Software",
        ["software"] = "Software",
        ["technology"] = "IT & Technology",
        ["tech"] = "IT & Technology",
        ["consulting"] = "Consulting",
        ["services"] = "Professional Services",
        ["fintech"] = "Fintech",
        ["healthcare tech"] = "Health Tech",
        ["edtech"] = "Edtech",
        ["finance"] = "Financial Services",
        ["healthcare"] = "Healthcare",
        ["education"] = "Education",
        ["manufacturing"] = "Manufacturing",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static int Count => ByKey.Count;

    /// <summary>The label as the map reads it; null for a label it does not know (the keyword rules then apply).</summary>
    public static IndustryLabel? Read(string? industry)
    {
        if (industry is null) return null;
        if (Remembered.TryGetValue(industry, out var known)) return known;
        var label = ByKey.GetValueOrDefault(Key(industry));
        // Full, it starts again, so a long-lived host keeps what its current files repeat. Counted apart:
        // ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref remembered) >= MaxRemembered)
        {
            Remembered.Clear();
            Interlocked.Exchange(ref remembered, 0);
        }

        if (Remembered.TryAdd(industry, label)) Interlocked.Increment(ref remembered);
        return label;
    }

    /// <summary>The category a seed keyword stands for, or null for a keyword of an offer's own.</summary>
    public static string? CategoryOf(string keyword) => KeywordCategories.GetValueOrDefault(keyword.Trim().ToLowerInvariant());

    internal static string Key(string? label) => string.Join(' ', KeywordText.Words(label).Where(word => word != "and"));

    private static FrozenDictionary<string, IndustryLabel> Load()
    {
        var labels = new Dictionary<string, IndustryLabel>(StringComparer.Ordinal);
        foreach (var fields in TsvResource.Rows(ResourceName)) // label, category, reads_as, source
        {
            if (fields.Length < 3) throw new InvalidDataException($"{ResourceName}: '{string.Join('\t', fields)}' has fewer than 3 columns.");
            var key = Key(fields[0]);
            // Spellings of one label (case, "&" or "and") read alike; the first one is kept.
            if (key.Length > 0) labels.TryAdd(key, new IndustryLabel(fields[0], fields[1], fields[2].Length == 0 ? null : fields[2]));
        }

        return labels.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
