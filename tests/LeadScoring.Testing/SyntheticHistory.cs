using System.Globalization;
using System.Text;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;
using Microsoft.Extensions.Options;

namespace LeadScoring.Testing;

/// <summary>
/// A seeded history of leads with a known conversion process, for the tests and the benchmark of the evaluation and
/// the learned likelihood: each lead's chance to convert is a logistic function of what the service can read of it
/// (title level and function, industry, data completeness), so the ideal ranking (by that chance) is known.
/// </summary>
/// <remarks>
/// The process deliberately disagrees with the seed's tiers where real histories do: directors and heads in
/// healthcare convert far above their 15 points, founders of one-person SaaS shops below their 20, managers in
/// operations above their 10, and a missing bio costs more than 2 points say. A score that only follows the tiers
/// therefore ranks well but not ideally; a model that learns from the history can close the gap. The same seed and
/// size always give the same leads and outcomes.
/// </remarks>
public sealed class SyntheticHistory(int seed = 20261207)
{
    public const string Header = "name,role,company,industry,location,linkedin_bio,email";

    private static readonly (string Title, double Weight)[] Titles =
    [
        ("CEO", 0.6), ("Founder", -0.4), ("CTO", 0.5), ("Chief Revenue Officer", 0.9), ("VP Sales", 0.8), ("SVP Engineering", 0.4),
        ("Head of Operations", 0.7), ("Director of Nursing", 1.2), ("Director, Clinical Operations", 1.3), ("Director of Marketing", 0.3),
        ("Operations Manager", 0.9), ("HR Manager", -0.6), ("Senior Engineer", -0.3), ("Account Executive", -0.5),
        ("Executive Assistant to the CEO", -1.2), ("Marketing Intern", -1.5), ("Geschäftsführer", 0.6), ("Directeur commercial", 0.7),
    ];

    private static readonly (string Industry, double Weight)[] Industries =
    [
        ("Computer Software", 0.5), ("SaaS", 0.3), ("Hospital & Health Care", 1.0), ("Health Tech", 0.9), ("Financial Services", 0.2),
        ("Retail", -0.8), ("Higher Education", -0.4), ("Management Consulting", 0.1), ("Machinery Manufacturing", 0.4), ("Nonprofit", -1.0),
    ];

    private const double Intercept = -2.2;
    private const double BioWeight = 0.8;

    /// <summary>One lead of the history: its CSV fields, its true chance to convert, and whether it did.</summary>
    public sealed record Lead(string Name, string Role, string Company, string Industry, string Location, string Bio, string Email, double Chance, bool Converted)
    {
        public string CsvRow => string.Join(',', new[] { Name, Role, Company, Industry, Location, Bio, Email }.Select(Quote));

        private static string Quote(string field) => field.Contains(',') || field.Contains('"') ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }

    public IReadOnlyList<Lead> Leads(int count)
    {
        var random = new Random(seed);
        var leads = new List<Lead>(count);
        for (var i = 0; i < count; i++)
        {
            var (title, titleWeight) = Titles[random.Next(Titles.Length)];
            var (industry, industryWeight) = Industries[random.Next(Industries.Length)];
            var hasBio = random.NextDouble() < 0.7;
            // The founder of a one-person SaaS shop: the tiers' 40 points, a history's poor buyer.
            var interaction = title == "Founder" && industry == "SaaS" ? -1.0 : 0;
            var chance = 1 / (1 + Math.Exp(-(Intercept + titleWeight + industryWeight + (hasBio ? BioWeight : 0) + interaction)));
            leads.Add(new Lead(
                string.Create(CultureInfo.InvariantCulture, $"Person {i}"),
                title,
                string.Create(CultureInfo.InvariantCulture, $"Company {i % 997}"),
                industry,
                "Berlin",
                hasBio ? "Leads a team evaluating new tools" : "",
                string.Create(CultureInfo.InvariantCulture, $"person{i}@history.example"),
                chance,
                random.NextDouble() < chance));
        }

        return leads;
    }

    /// <summary>
    /// The leads scored as the service scores them with the AI off (the default rules and the rule fallback), each with
    /// its outcome, as the trainer reads them: for tests and the benchmark that need no storage.
    /// </summary>
    public static IReadOnlyList<LabelledLead> Scored(IEnumerable<Lead> leads)
    {
        var rules = new RuleScorer(Options.Create(new RuleOptions()));
        var offer = new Offer("history", "History", "", "", KeywordOverrides.None, DateTimeOffset.UnixEpoch);
        return [.. leads.Select(lead =>
        {
            var scored = ScoredLead(lead, rules, offer);
            var features = LeadFeatures.Of(scored);
            features.Label = lead.Converted;
            return new LabelledLead(lead.Email, features, scored.Score.Score);
        })];
    }

    /// <summary>One lead scored with the AI off.</summary>
    public static ScoredLead ScoredLead(Lead lead, RuleScorer rules, Offer offer)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        var stored = new Scoring.Leads.Lead("history-" + lead.Email, lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.Bio) { Email = lead.Email };
        var ruleScore = rules.Score(stored, offer);
        return new ScoredLead(stored, ScoreComposer.Compose(ruleScore, FallbackIntent.Judge(ruleScore, FallbackReason.AiNotConfigured)));
    }

    /// <summary>The leads as an upload file.</summary>
    public static string LeadsCsv(IEnumerable<Lead> leads) => Header + "\n" + string.Join("\n", leads.Select(lead => lead.CsvRow)) + "\n";

    /// <summary>Their outcomes as a file for <c>POST /outcomes</c>: won or lost, by email.</summary>
    public static string OutcomesCsv(IEnumerable<Lead> leads)
    {
        var csv = new StringBuilder("email,outcome\n");
        foreach (var lead in leads) csv.Append(lead.Email).Append(',').Append(lead.Converted ? "won" : "lost").Append('\n');
        return csv.ToString();
    }
}
