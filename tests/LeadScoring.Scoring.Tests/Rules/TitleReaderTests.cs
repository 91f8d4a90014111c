using System.Text.Json;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Tests.Rules;

/// <summary>
/// Job titles as CRM exports write them: seniority, department and role points, read from 750 titles in seven
/// languages (<c>Rules/Titles.tsv</c>, written apart from the reader), the issue's own examples, and the seed's words.
/// </summary>
public sealed class TitleReaderTests
{
    private static readonly RuleScorer Scorer = RuleSamples.Scorer();

    [Fact]
    public void Every_title_of_the_sample_is_read_as_its_row_says()
    {
        var rows = TitleRows().ToList();
        var wrong = rows
            .Select(row => (Row: row, Read: TitleReader.Read(row.Title), Points: Scorer.Score(RuleSamples.Lead(role: row.Title), RuleSamples.Offer()).RolePoints))
            .Where(read => Wire(read.Read.Seniority) != read.Row.Seniority || Wire(read.Read.Department) != read.Row.Department || read.Points != read.Row.Points)
            .Select(read => $"{read.Row.Title}: {Wire(read.Read.Seniority)}/{Wire(read.Read.Department)}/{read.Points}, expected {read.Row.Seniority}/{read.Row.Department}/{read.Row.Points}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        Assert.True(rows.Count >= 700, $"only {rows.Count} titles");
        Assert.All(new[] { "en", "de", "fr", "es", "it", "pt", "nl" }, language => Assert.True(rows.Count(row => row.Language == language) >= 40, language));
        Assert.True(rows.Count(row => row.Note.StartsWith("trap", StringComparison.Ordinal)) >= 80);
    }

    [Theory]
    [InlineData("CMO", 20, "c_level", "marketing")]
    [InlineData("CRO", 20, "c_level", "sales")]
    [InlineData("CIO", 20, "c_level", "it")]
    [InlineData("CISO", 20, "c_level", "it")]
    [InlineData("CHRO", 20, "c_level", "hr")]
    [InlineData("President", 20, "c_level", "executive")]
    [InlineData("Managing Partner", 20, "partner", "executive")]
    [InlineData("Geschäftsführer", 20, "c_level", "executive")]
    [InlineData("Geschaeftsfuehrerin", 20, "c_level", "executive")]
    [InlineData("PDG", 20, "c_level", "executive")]
    [InlineData("Directeur Général", 20, "c_level", "executive")]
    [InlineData("Fundador", 20, "owner", "executive")]
    [InlineData("SVP Engineering", 15, "vp", "engineering")]
    [InlineData("EVP", 15, "vp", "other")]
    [InlineData("AVP, IT", 15, "vp", "it")]
    [InlineData("RVP Sales", 15, "vp", "sales")]
    [InlineData("GVP, Product", 15, "vp", "product")]
    [InlineData("Leiter Vertrieb", 15, "head", "sales")]
    [InlineData("Vertriebsleiterin", 15, "head", "sales")]
    [InlineData("Directeur commercial", 15, "director", "sales")]
    [InlineData("Dir. of Marketing", 15, "director", "marketing")]
    [InlineData("Mgr, IT Operations", 10, "manager", "it")]
    [InlineData("Sr. Engineer", 10, "senior", "engineering")]
    [InlineData("Snr Data Analyst", 10, "senior", "data")]
    [InlineData("Executive Assistant to the CEO", 0, "assistant", "executive")]
    [InlineData("Assistant to the CFO", 0, "assistant", "executive")]
    [InlineData("EA to the CFO", 0, "assistant", "executive")]
    [InlineData("CEO Assistant", 0, "assistant", "executive")]
    [InlineData("Assistentin der Geschäftsführung", 0, "assistant", "executive")]
    [InlineData("Office of the CTO", 0, "entry", "engineering")]
    [InlineData("Assistant Vice President, Finance", 15, "vp", "finance")]
    [InlineData("Assistant Director", 15, "director", "other")]
    public void The_issues_titles_take_the_points_seniority_and_department_of_what_they_mean(string title, int points, string seniority, string department)
    {
        var score = Scorer.Score(RuleSamples.Lead(role: title), RuleSamples.Offer());

        Assert.Equal((points, seniority, department), (score.RolePoints, Wire(score.TitleSeniority), Wire(score.TitleDepartment)));
    }

    [Theory]
    [InlineData("ceo")]
    [InlineData("founder")]
    [InlineData("owner")]
    [InlineData("cto")]
    [InlineData("cfo")]
    [InlineData("coo")]
    [InlineData("chief")]
    [InlineData("vp")]
    [InlineData("vice president")]
    [InlineData("head")]
    [InlineData("director")]
    [InlineData("manager")]
    [InlineData("lead")]
    [InlineData("senior")]
    [InlineData("principal")]
    [InlineData("architect")]
    public void Every_word_of_the_seeds_tables_keeps_the_seeds_value_and_names_itself(string word)
    {
        var expected = new[] { "ceo", "founder", "owner", "cto", "cfo", "coo", "chief" }.Contains(word) ? 20
            : new[] { "vp", "vice president", "head", "director" }.Contains(word) ? 15 : 10;

        var score = Scorer.Score(RuleSamples.Lead(role: word.ToUpperInvariant()), RuleSamples.Offer());

        Assert.Equal((expected, word), (score.RolePoints, score.RoleKeyword));
    }

    [Fact]
    public void A_reading_is_named_in_the_breakdown_and_the_seniority_column_counts_when_it_says_more()
    {
        var svp = Scorer.Score(RuleSamples.Lead(role: "SVP Engineering"), RuleSamples.Offer());
        var intern = Scorer.Score(RuleSamples.Lead(role: "Werkstudent") with { Seniority = "" }, RuleSamples.Offer());
        var stated = Scorer.Score(RuleSamples.Lead(role: "Growth") with { Seniority = "c_suite" }, RuleSamples.Offer());
        var higher = Scorer.Score(RuleSamples.Lead(role: "Software Engineer") with { Seniority = "director" }, RuleSamples.Offer());

        Assert.Equal((15, "svp read as vp"), (svp.RolePoints, svp.RoleKeyword));
        Assert.Equal((0, "werkstudent read as intern"), (intern.RolePoints, intern.RoleKeyword));
        Assert.Equal((20, "seniority: c_suite"), (stated.RolePoints, stated.RoleKeyword));
        Assert.Equal((15, "seniority: director"), (higher.RolePoints, higher.RoleKeyword));
    }

    [Fact]
    public void An_offers_own_role_tables_decide_alone_and_the_reading_is_still_kept()
    {
        var offer = RuleSamples.Offer(new KeywordOverrides(DecisionMakers: ["geschäftsführer"]));

        var own = Scorer.Score(RuleSamples.Lead(role: "Geschäftsführer"), offer);
        var unread = Scorer.Score(RuleSamples.Lead(role: "CMO"), offer);

        Assert.Equal((20, "geschäftsführer"), (own.RolePoints, own.RoleKeyword));
        Assert.Equal((0, TitleSeniority.CLevel, Department.Marketing), (unread.RolePoints, unread.TitleSeniority, unread.TitleDepartment));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!!")]
    [InlineData("Ninja")]
    public void A_title_with_nothing_to_read_is_unknown(string title)
    {
        var read = TitleReader.Read(title);

        Assert.Equal((TitleSeniority.Unknown, Department.Unknown, false), (read.Seniority, read.Department, read.NamesAnotherRole));
    }

    private static string Wire<T>(T value) => JsonSerializer.Serialize(value).Trim('"') is var wire && wire == "unknown" && typeof(T) == typeof(Department) ? "other" : JsonSerializer.Serialize(value).Trim('"');

    private static IEnumerable<TitleRow> TitleRows() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Rules", "Titles.tsv"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Select(fields => new TitleRow(fields[0], fields[1], fields[2], int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture), fields[4], fields[5]));

    private sealed record TitleRow(string Title, string Seniority, string Department, int Points, string Language, string Note);
}
