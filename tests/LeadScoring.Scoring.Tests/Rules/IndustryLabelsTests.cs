using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Tests.Rules;

/// <summary>
/// Industry labels as real sources write them, read by meaning: the examples, every label of the map with the
/// tier of the keyword it reads as, the lists the map covers whole, and an offer's own tables.
/// </summary>
public sealed class IndustryLabelsTests
{
    private static readonly RuleScorer Scorer = RuleSamples.Scorer();

    private static readonly string[] Categories =
    [
        "Software", "IT & Technology", "Internet", "Computer Hardware & Semiconductors", "Cybersecurity", "Telecommunications", "Fintech",
        "Health Tech", "Edtech", "Consulting", "Professional Services", "Marketing & Advertising", "Staffing & Recruiting", "Financial Services",
        "Banking", "Insurance", "Healthcare", "Pharma & Biotech", "Medical Devices", "Education", "Manufacturing", "Automotive",
        "Energy & Utilities", "Retail & Consumer Goods", "Wholesale & Distribution", "Media & Entertainment", "Real Estate & Construction",
        "Transportation & Logistics", "Hospitality & Travel", "Government & Public Sector", "Nonprofit", "Legal", "Agriculture", "Other",
    ];

    [Theory]
    [InlineData("Hospital & Health Care", 5, "Healthcare")]   // LinkedIn's old label, and HubSpot's
    [InlineData("Hospitals and Health Care", 5, "Healthcare")] // LinkedIn's current one
    [InlineData("HOSPITAL_HEALTH_CARE", 5, "Healthcare")]      // HubSpot's enumeration
    [InlineData("Health Care", 5, "Healthcare")]
    [InlineData("Banking", 5, "Banking")]
    [InlineData("Internet", 20, "Internet")]
    [InlineData("E-Learning", 12, "Edtech")]
    [InlineData("Computer & Network Security", 20, "Cybersecurity")]
    [InlineData("Financial Technology", 12, "Fintech")]        // the seed calls fintech adjacent: not "tech"
    [InlineData("Health Tech", 12, "Health Tech")]             // healthcare tech, adjacent
    [InlineData("Computer Software", 20, "Software")]
    [InlineData("COMPUTER_SOFTWARE", 20, "Software")]
    [InlineData("computer software", 20, "Software")]          // Apollo
    [InlineData("Information Technology and Services", 20, "IT & Technology")]
    [InlineData("IT Services and IT Consulting", 20, "IT & Technology")]
    [InlineData("Software Development", 20, "Software")]
    [InlineData("Technology", 20, "IT & Technology")]          // Salesforce
    [InlineData("B2B SaaS", 20, "Software")]
    [InlineData("FinTech", 12, "Fintech")]
    [InlineData("EdTech", 12, "Edtech")]
    [InlineData("Management Consulting", 12, "Consulting")]
    [InlineData("Higher Education", 5, "Education")]
    [InlineData("Machinery Manufacturing", 5, "Manufacturing")]
    [InlineData("Retail", 0, "Retail & Consumer Goods")]
    [InlineData("Janitorial Services", 0, "Professional Services")] // a service, but not the B2B services the seed means
    public void The_labels_sources_write_take_the_tier_of_what_they_mean(string label, int points, string category)
    {
        var score = Scorer.Score(RuleSamples.Lead(industry: label), RuleSamples.Offer());

        Assert.Equal((points, category), (score.IndustryPoints, score.IndustryCategory));
    }

    [Fact]
    public void A_label_the_map_does_not_know_falls_back_to_the_keywords_with_their_category()
    {
        var known = Scorer.Score(RuleSamples.Lead(industry: "Quantum Widgets Software"), RuleSamples.Offer());
        var unknown = Scorer.Score(RuleSamples.Lead(industry: "Widgets"), RuleSamples.Offer());

        Assert.Equal((20, "software", "Software"), (known.IndustryPoints, known.IndustryKeyword, known.IndustryCategory));
        Assert.Equal((0, (string?)null, (string?)null), (unknown.IndustryPoints, unknown.IndustryKeyword, unknown.IndustryCategory));
    }

    [Fact]
    public void Every_label_of_the_map_takes_the_tier_of_the_keyword_it_reads_as_and_a_known_category()
    {
        var labels = Labels().ToList();
        var wrong = new List<string>();
        foreach (var (label, category, readsAs, _) in labels)
        {
            var score = Scorer.Score(RuleSamples.Lead(industry: label), RuleSamples.Offer());
            var expected = readsAs.Length == 0 ? 0 : Scorer.Score(RuleSamples.Lead(industry: readsAs), RuleSamples.Offer()).IndustryPoints;
            if (score.IndustryPoints != expected || score.IndustryCategory != category || !Categories.Contains(category))
            {
                wrong.Add($"{label}: {score.IndustryPoints} {score.IndustryCategory}, expected {expected} {category}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Theory]
    [InlineData("linkedin-v1", 147)] // LinkedIn's industry codes V1, whole (codes 1 to 148; 2 was never used)
    [InlineData("linkedin-v2", 434)] // LinkedIn's current taxonomy, whole
    [InlineData("hubspot", 148)]     // HubSpot's enumeration: the V1 industries and MOBILE_GAMES
    [InlineData("salesforce", 32)]   // Salesforce's standard Industry picklist
    [InlineData("apollo", 150)]
    public void The_map_holds_each_sources_list(string source, int atLeast)
    {
        var count = Labels().Count(label => label.Sources.Split(',').Contains(source));

        Assert.True(count >= atLeast, $"{source}: {count} labels");
    }

    [Fact]
    public void An_offers_own_industries_are_tried_on_the_label_first_and_emptied_tiers_stay_empty()
    {
        var hospitals = RuleSamples.Offer(new KeywordOverrides(TargetIndustries: ["hospital"]));
        var noNeutral = RuleSamples.Offer(new KeywordOverrides(NeutralIndustries: []));
        var healthcareTarget = RuleSamples.Offer(new KeywordOverrides(TargetIndustries: ["healthcare"]));

        Assert.Equal((20, "hospital"), Points(Scorer.Score(RuleSamples.Lead(industry: "Hospital & Health Care"), hospitals)));
        Assert.Equal((0, (string?)null), Points(Scorer.Score(RuleSamples.Lead(industry: "Banking"), noNeutral)));
        Assert.Equal((20, "Hospitals and Health Care read as healthcare"), Points(Scorer.Score(RuleSamples.Lead(industry: "Hospitals and Health Care"), healthcareTarget)));
    }

    private static (int Points, string? Keyword) Points(RuleScore score) => (score.IndustryPoints, score.IndustryKeyword);

    private static IEnumerable<(string Label, string Category, string ReadsAs, string Sources)> Labels()
    {
        using var stream = typeof(RuleScorer).Assembly.GetManifestResourceStream("LeadScoring.Scoring.Rules.IndustryLabels.tsv")!;
        using var reader = new StreamReader(stream);
        var lines = new List<(string, string, string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("label\t", StringComparison.Ordinal)) continue;
            var fields = line.Split('\t');
            lines.Add((fields[0], fields[1], fields[2], fields[3]));
        }

        return lines;
    }
}
