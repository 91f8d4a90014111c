using System.Globalization;

namespace LeadScoring.Scoring.Learning;

/// <summary>
/// Finds what moves an adopted model's likelihood most, in words: groups of labelled leads by one reading (a level, a
/// function, an industry, the AI's intent, a missing bio) or by two together ("Directors in Healthcare"), each with
/// the model's mean likelihood over the mean of all (the model's view of them, not their observed rate, which on a
/// small group is mostly noise). A pair is named only where it says more than its parts alone.
/// </summary>
internal static class Drivers
{
    private const int Shown = 6;
    private const double Notable = 1.5;

    public static List<Driver> Find(IReadOnlyList<LeadFeatures> leads, IReadOnlyList<float> likelihoods)
    {
        var mean = likelihoods.Average();
        if (mean <= 0) return [];
        var minimum = Math.Max(15, leads.Count / 100);
        var groups = new Dictionary<string, (int Count, double Sum, string? PartA, string? PartB)>(StringComparer.Ordinal);
        for (var i = 0; i < leads.Count; i++)
        {
            var lead = leads[i];
            var (level, function, industry) = (Level(lead.Seniority), Function(lead.Department), Industry(lead.IndustryCategory));
            foreach (var (text, a, b) in new (string?, string?, string?)[]
            {
                (level, null, null),
                (function is null ? null : Capitalise(function), null, null),
                (industry is null ? null : "Leads in " + industry, null, null),
                (lead.AiIntent == LeadFeatures.None ? null : $"Leads the AI judged {lead.AiIntent} intent", null, null),
                (lead.MissingBio > 0 ? "Leads without a LinkedIn bio" : null, null, null),
                (level is not null && industry is not null ? $"{level} in {industry}" : null, level, industry is null ? null : "Leads in " + industry),
                (level is not null && function is not null ? $"{level} in {function.Replace("people in ", "", StringComparison.Ordinal)}" : null, level, function is null ? null : Capitalise(function)),
            })
            {
                if (text is null) continue;
                var group = groups.GetValueOrDefault(text);
                groups[text] = (group.Count + 1, group.Sum + likelihoods[i], a, b);
            }
        }

        var ratios = groups.Where(group => group.Value.Count >= minimum)
            .ToDictionary(group => group.Key, group => (group.Value.Count, Rate: group.Value.Sum / group.Value.Count, group.Value.PartA, group.Value.PartB));
        double Strength(string text) => ratios.TryGetValue(text, out var group) ? Math.Abs(Math.Log(group.Rate / mean)) : 0;
        var notable = ratios
            .Where(group => Math.Abs(Math.Log(group.Value.Rate / mean)) >= Math.Log(Notable))
            .Where(group => group.Value.PartA is null || Strength(group.Key) > Math.Max(Strength(group.Value.PartA), Strength(group.Value.PartB ?? "")) + 0.2)
            .OrderByDescending(group => Strength(group.Key))
            .ToList();
        // The strongest each way: who converts most, then who least, so a manager sees both ends.
        return [.. notable.Where(group => group.Value.Rate > mean).Take(Shown / 2)
            .Concat(notable.Where(group => group.Value.Rate < mean).Take(Shown / 2))
            .Select(group => new Driver(
                string.Create(CultureInfo.InvariantCulture,
                    $"{group.Key} convert at {group.Value.Rate / mean:0.0}× the base rate (a likelihood of {group.Value.Rate:0%} against {mean:0%} on average; {group.Value.Count} labelled leads)"),
                group.Value.Count,
                Math.Round(group.Value.Rate, 4),
                Math.Round(group.Value.Rate / mean, 2)))];
    }

    private static string? Level(string seniority) => seniority switch
    {
        "c_level" => "C-level executives",
        "vp" => "VPs",
        "head" => "Heads of a function",
        "director" => "Directors",
        "partner" => "Partners",
        "owner" => "Owners and founders",
        "manager" => "Managers",
        "senior" => "Senior individual contributors",
        "entry" => "Entry-level staff",
        "intern" => "Interns",
        "assistant" => "Assistants",
        _ => null,
    };

    private static string? Function(string department) => department switch
    {
        LeadFeatures.None or "unknown" => null,
        "it" => "people in IT",
        "hr" => "people in HR",
        "customer_success" => "people in customer success",
        "executive" => "people in general management",
        _ => "people in " + department,
    };

    private static string? Industry(string category) => category is LeadFeatures.None or "Other" ? null : category;

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
