using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Tests.Rules;

public sealed class RuleScorerTests
{
    // Each row is a trap for naive substring matching or a rule decision; see the matching rule on KeywordMatcher.
    [Theory]
    [InlineData("CEO", RoleTier.DecisionMaker, 20, "ceo")]
    [InlineData("Director", RoleTier.Senior, 15, "director")]              // contains "cto"
    [InlineData("Director of Technology", RoleTier.Senior, 15, "director")]
    [InlineData("Coordinator", RoleTier.None, 0, "coordinator read as entry")] // contains "coo"; the title reader reads it
    [InlineData("Marketing Coordinator", RoleTier.None, 0, "coordinator read as entry")]
    [InlineData("Chief Executive Officer", RoleTier.DecisionMaker, 20, "chief")]
    [InlineData("VP, Sales", RoleTier.Senior, 15, "vp")]
    [InlineData("vp-sales", RoleTier.Senior, 15, "vp")]
    [InlineData("V.P. Marketing", RoleTier.Senior, 15, "vp")]
    [InlineData("VP Marketing", RoleTier.Senior, 15, "vp")]
    [InlineData("Vice President of Sales", RoleTier.Senior, 15, "vice president")]
    [InlineData("Senior Vice President", RoleTier.Senior, 15, "vice president")] // two words beat "senior"
    [InlineData("Senior Director", RoleTier.Senior, 15, "director")]       // same length: higher tier
    [InlineData("Head of Growth", RoleTier.Senior, 15, "head")]
    [InlineData("Headhunter", RoleTier.None, 0, "headhunter read as entry")] // contains "head"
    [InlineData("Senior Manager", RoleTier.Influencer, 10, "senior")]
    [InlineData("HR Manager", RoleTier.Influencer, 10, "manager")]
    [InlineData("Co-Founder", RoleTier.DecisionMaker, 20, "founder")]      // hyphen is a word boundary
    [InlineData("Co-founder & CTO", RoleTier.DecisionMaker, 20, "founder")]
    [InlineData("Owner/Operator", RoleTier.DecisionMaker, 20, "owner")]
    [InlineData("Leadership coach", RoleTier.None, 0, null)]               // contains "lead"
    [InlineData("Team Lead", RoleTier.Influencer, 10, "lead")]
    [InlineData("Principal Architect", RoleTier.Influencer, 10, "principal")]
    [InlineData("Software Engineer", RoleTier.None, 0, "engineer read as entry")]
    [InlineData("Founders", RoleTier.DecisionMaker, 20, "founders read as owner")] // no keyword (whole words only): the reader reads it
    [InlineData("", RoleTier.None, 0, null)]
    public void Score_places_role_in_tier_by_whole_words(string role, RoleTier tier, int points, string? keyword)
    {
        var scorer = RuleSamples.Scorer();

        var score = scorer.Score(RuleSamples.Lead(role: role), RuleSamples.Offer());

        Assert.Equal((tier, points, keyword), (score.RoleTier, score.RolePoints, score.RoleKeyword));
    }

    [Theory]
    [InlineData("saas", IndustryTier.Target, 20, "saas")]
    [InlineData("B2B SaaS / Cloud", IndustryTier.Target, 20, "saas")]
    [InlineData("Technology", IndustryTier.Target, 20, "technology")]     // "technology", not "tech"
    [InlineData("Software Development", IndustryTier.Target, 20, "Software Development read as software")] // LinkedIn's label
    [InlineData("FinTech", IndustryTier.Adjacent, 12, "fintech")]          // contains "tech"
    [InlineData("EdTech", IndustryTier.Adjacent, 12, "edtech")]
    [InlineData("Healthcare Tech", IndustryTier.Adjacent, 12, "healthcare tech")] // two words beat "healthcare" and "tech"
    [InlineData("healthcare-tech", IndustryTier.Adjacent, 12, "healthcare tech")]
    [InlineData("Management Consulting", IndustryTier.Adjacent, 12, "Management Consulting read as consulting")]
    [InlineData("Financial Services", IndustryTier.Neutral, 5, "Financial Services read as finance")] // by meaning, not "services"
    [InlineData("Consulting Services for Builders", IndustryTier.Adjacent, 12, "consulting")] // a label the map does not know: keywords, same length: higher tier
    [InlineData("Healthcare", IndustryTier.Neutral, 5, "healthcare")]
    [InlineData("Finance", IndustryTier.Neutral, 5, "finance")]
    [InlineData("Higher Education Technology", IndustryTier.Target, 20, "technology")] // same length: higher tier
    [InlineData("Biotechnology", IndustryTier.Neutral, 5, "Biotechnology read as healthcare")] // by meaning; contains "technology" and "tech"
    [InlineData("Biotechnologies", IndustryTier.None, 0, null)]            // unknown to the map, and no keyword as a whole word
    [InlineData("Retail", IndustryTier.None, 0, null)]
    [InlineData("", IndustryTier.None, 0, null)]
    public void Score_places_industry_in_tier_by_whole_words(string industry, IndustryTier tier, int points, string? keyword)
    {
        var scorer = RuleSamples.Scorer();

        var score = scorer.Score(RuleSamples.Lead(industry: industry), RuleSamples.Offer());

        Assert.Equal((tier, points, keyword), (score.IndustryTier, score.IndustryPoints, score.IndustryKeyword));
    }

    [Fact]
    public void Score_gives_ten_completeness_points_when_every_field_is_present()
    {
        var scorer = RuleSamples.Scorer();

        var score = scorer.Score(RuleSamples.Lead(), RuleSamples.Offer());

        Assert.Equal(10, score.CompletenessPoints);
        Assert.Empty(score.MissingFields);
    }

    [Fact]
    public void Score_names_blank_fields_as_missing_and_takes_two_points_each()
    {
        var scorer = RuleSamples.Scorer();
        var lead = RuleSamples.Lead(company: "  ", linkedinBio: "");

        var score = scorer.Score(lead, RuleSamples.Offer());

        Assert.Equal(6, score.CompletenessPoints);
        Assert.Equal(["company", "linkedin_bio"], score.MissingFields);
    }

    [Fact]
    public void Score_is_zero_for_an_empty_lead()
    {
        var scorer = RuleSamples.Scorer();
        var lead = RuleSamples.Lead(role: "", industry: "", name: "", company: "", linkedinBio: "");

        var score = scorer.Score(lead, RuleSamples.Offer());

        Assert.Equal(0, score.Total);
        Assert.Equal(["name", "role", "company", "industry", "linkedin_bio"], score.MissingFields);
    }

    [Fact]
    public void Score_adds_role_industry_and_completeness()
    {
        var scorer = RuleSamples.Scorer();

        var score = scorer.Score(RuleSamples.Lead(role: "VP Marketing", industry: "FinTech", linkedinBio: ""), RuleSamples.Offer());

        Assert.Equal(15 + 12 + 8, score.Total);
    }

    [Fact]
    public void Score_uses_the_offers_target_industries_in_place_of_the_defaults()
    {
        var scorer = RuleSamples.Scorer();
        var hospitals = RuleSamples.Offer(new KeywordOverrides(TargetIndustries: ["healthcare"]));

        var healthcare = scorer.Score(RuleSamples.Lead(industry: "Healthcare"), hospitals);
        var saas = scorer.Score(RuleSamples.Lead(industry: "saas"), hospitals);

        Assert.Equal((IndustryTier.Target, 20, "healthcare"), (healthcare.IndustryTier, healthcare.IndustryPoints, healthcare.IndustryKeyword));
        Assert.Equal((IndustryTier.None, 0), (saas.IndustryTier, saas.IndustryPoints));
    }

    [Fact]
    public void Score_empties_a_table_the_offer_overrides_with_an_empty_list()
    {
        var scorer = RuleSamples.Scorer();
        var offer = RuleSamples.Offer(new KeywordOverrides(DecisionMakers: []));

        var score = scorer.Score(RuleSamples.Lead(role: "CEO"), offer);

        Assert.Equal((RoleTier.None, 0), (score.RoleTier, score.RolePoints));
    }

    [Fact]
    public void Score_keeps_tables_the_offer_does_not_override()
    {
        var scorer = RuleSamples.Scorer();
        var offer = RuleSamples.Offer(new KeywordOverrides(TargetIndustries: ["healthcare"], SeniorRoles: ["partner"]));

        var score = scorer.Score(RuleSamples.Lead(role: "CEO", industry: "FinTech"), offer);

        Assert.Equal((RoleTier.DecisionMaker, IndustryTier.Adjacent), (score.RoleTier, score.IndustryTier));
    }

    [Fact]
    public void Score_uses_configured_tables_unless_the_offer_overrides_them()
    {
        var scorer = RuleSamples.Scorer(new RuleOptions { DecisionMakers = ["managing partner"] });
        var overriding = RuleSamples.Offer(new KeywordOverrides(DecisionMakers: ["ceo"]));
        var lead = RuleSamples.Lead(role: "Managing Partner");

        var configured = scorer.Score(lead, RuleSamples.Offer());
        var overridden = scorer.Score(lead, overriding);

        Assert.Equal(RoleTier.DecisionMaker, configured.RoleTier);
        Assert.Equal(RoleTier.None, overridden.RoleTier);
    }
}
