using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Rules;

/// <summary>The deterministic half of a score: role, industry and completeness (0–50).</summary>
/// <remarks>
/// Each table is the offer's override when it has one (a non-null list, even empty), else the configured table, else the
/// seed's. Keywords match by the rule on <see cref="KeywordMatcher{TTier}"/>. Thread-safe: the matchers are immutable.
/// </remarks>
public sealed class RuleScorer
{
    private const int PointsPerCompleteField = 2;

    private readonly IReadOnlyList<string> decisionMakers;
    private readonly IReadOnlyList<string> seniorRoles;
    private readonly IReadOnlyList<string> influencers;
    private readonly IReadOnlyList<string> targetIndustries;
    private readonly IReadOnlyList<string> adjacentIndustries;
    private readonly IReadOnlyList<string> neutralIndustries;
    private readonly KeywordMatcher<RoleTier> roles;
    private readonly bool ownRoleTables;
    private readonly KeywordMatcher<IndustryTier> industries;

    public RuleScorer(IOptions<RuleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value;
        ownRoleTables = configured is not { DecisionMakers: null, SeniorRoles: null, Influencers: null };
        decisionMakers = configured.DecisionMakers ?? SeedKeywords.DecisionMakers;
        seniorRoles = configured.SeniorRoles ?? SeedKeywords.SeniorRoles;
        influencers = configured.Influencers ?? SeedKeywords.Influencers;
        targetIndustries = configured.TargetIndustries ?? SeedKeywords.TargetIndustries;
        adjacentIndustries = configured.AdjacentIndustries ?? SeedKeywords.AdjacentIndustries;
        neutralIndustries = configured.NeutralIndustries ?? SeedKeywords.NeutralIndustries;
        roles = RoleMatcher(decisionMakers, seniorRoles, influencers);
        industries = IndustryMatcher(targetIndustries, adjacentIndustries, neutralIndustries);
    }

    public RuleScore Score(Lead lead, Offer offer)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(offer);

        // Most offers override nothing and share the matchers built once; an override costs one small build per lead,
        // which is noise beside the AI call, so there is no cache to keep coherent.
        var overrides = offer.Keywords ?? KeywordOverrides.None;
        var roleMatcher = overrides is { DecisionMakers: null, SeniorRoles: null, Influencers: null }
            ? roles
            : RoleMatcher(
                overrides.DecisionMakers ?? decisionMakers,
                overrides.SeniorRoles ?? seniorRoles,
                overrides.Influencers ?? influencers);
        var industryMatcher = overrides is { TargetIndustries: null, AdjacentIndustries: null, NeutralIndustries: null }
            ? industries
            : IndustryMatcher(
                overrides.TargetIndustries ?? targetIndustries,
                overrides.AdjacentIndustries ?? adjacentIndustries,
                overrides.NeutralIndustries ?? neutralIndustries);

        var title = TitleReader.Read(lead.Role);
        // The reader's levels stand for the seed's role tiers: with tables of the deployment's or the offer's own, those tables alone decide.
        var seedRoles = ownRoleTables is false && roleMatcher == roles;
        var (roleTier, roleKeyword) = Role(roleMatcher.Match(title.HolderTitle), seedRoles ? title : TitleReading.None, lead.Seniority);
        var (industry, category) = Industry(lead.Industry, industryMatcher, ownIndustries: overrides is not { TargetIndustries: null, AdjacentIndustries: null, NeutralIndustries: null });
        var missing = MissingFields(lead);
        var industryTier = industry?.Tier ?? IndustryTier.None;
        return new RuleScore(
            roleTier,
            RolePoints(roleTier),
            roleKeyword,
            industryTier,
            IndustryPoints(industryTier),
            industry?.Keyword,
            (LeadFields.All.Count - missing.Length) * PointsPerCompleteField,
            missing)
        {
            TitleSeniority = title.Seniority,
            TitleDepartment = title.Department,
            IndustryCategory = category,
        };
    }

    /// <summary>
    /// The role tier: a keyword of the tables in the holder's own words decides (the seed's words keep the seed's
    /// value); else the higher of the title reader's level and a seniority column's value. The keyword names the
    /// reading: "svp read as vp", "seniority: c_suite", "executive assistant read as assistant".
    /// </summary>
    private static (RoleTier Tier, string? Keyword) Role(KeywordMatch<RoleTier>? keyword, TitleReading title, string seniorityColumn)
    {
        if (keyword is not null) return (keyword.Tier, keyword.Keyword);
        (RoleTier Tier, string? Keyword)? read = title.Seniority == TitleSeniority.Unknown
            ? null
            : (TitleReader.TierOf(title.Seniority), $"{title.SeniorityWords} read as {title.Seniority.WireName()}");
        if (SenioritySaid(seniorityColumn) is { } stated && (read is null || stated > read.Value.Tier)) return (stated, "seniority: " + seniorityColumn.Trim());
        return read ?? (RoleTier.None, null);
    }

    /// <summary>
    /// The industry tier and category. An offer's own lists are tried on the label as written first. A label the map
    /// knows (<see cref="IndustryLabels"/>) is then read by its meaning: its seed keyword goes through the tables, so
    /// "Hospital &amp; Health Care" is "healthcare" and takes whatever tier healthcare has. An unknown label falls back
    /// to the keyword rules on its own words.
    /// </summary>
    private static (KeywordMatch<IndustryTier>? Match, string? Category) Industry(string industry, KeywordMatcher<IndustryTier> matcher, bool ownIndustries)
    {
        var label = IndustryLabels.Read(industry);
        if (ownIndustries && matcher.Match(industry) is { } own) return (own, label?.Category ?? IndustryLabels.CategoryOf(own.Keyword));
        if (label is not null)
        {
            if (label.ReadsAs is not { } readsAs || matcher.Match(readsAs) is not { } match) return (null, label.Category);
            var same = IndustryLabels.Key(label.Label) == IndustryLabels.Key(readsAs);
            return (same ? match : match with { Keyword = $"{industry.Trim()} read as {match.Keyword}" }, label.Category);
        }

        var words = matcher.Match(industry);
        return (words, words is null ? null : IndustryLabels.CategoryOf(words.Keyword));
    }

    /// <summary>
    /// The tier of a seniority column's value (Apollo writes owner, founder, c_suite, partner, vp, head, director,
    /// manager, senior, entry, intern), used only when the title matches no keyword; null for no or an unknown value.
    /// </summary>
    internal static RoleTier? SenioritySaid(string seniority) =>
        seniority.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_') switch
        {
            "" => null,
            "owner" or "founder" or "c_suite" or "c_level" or "cxo" or "partner" or "executive" => RoleTier.DecisionMaker,
            "vp" or "svp" or "evp" or "vice_president" or "head" or "director" or "senior_director" => RoleTier.Senior,
            "manager" or "senior_manager" or "senior" or "lead" => RoleTier.Influencer,
            "entry" or "intern" or "associate" => RoleTier.None,
            _ => null,
        };

    private static int RolePoints(RoleTier tier) => tier switch
    {
        RoleTier.DecisionMaker => 20,
        RoleTier.Senior => 15,
        RoleTier.Influencer => 10,
        _ => 0,
    };

    private static int IndustryPoints(IndustryTier tier) => tier switch
    {
        IndustryTier.Target => 20,
        IndustryTier.Adjacent => 12,
        IndustryTier.Neutral => 5,
        _ => 0,
    };

    private static string[] MissingFields(Lead lead) =>
        [.. LeadFields.All.Where(field => string.IsNullOrWhiteSpace(field.Value(lead))).Select(field => field.Name)];

    private static KeywordMatcher<RoleTier> RoleMatcher(
        IReadOnlyList<string> decisionMakers, IReadOnlyList<string> seniorRoles, IReadOnlyList<string> influencers) =>
        new([(RoleTier.DecisionMaker, decisionMakers), (RoleTier.Senior, seniorRoles), (RoleTier.Influencer, influencers)]);

    private static KeywordMatcher<IndustryTier> IndustryMatcher(
        IReadOnlyList<string> target, IReadOnlyList<string> adjacent, IReadOnlyList<string> neutral) =>
        new([(IndustryTier.Target, target), (IndustryTier.Adjacent, adjacent), (IndustryTier.Neutral, neutral)]);

    // The completeness fields, named as in the API and the CSV.
    private static class LeadFields
    {
        public static IReadOnlyList<(string Name, Func<Lead, string?> Value)> All { get; } =
        [
            ("name", lead => lead.Name),
            ("role", lead => lead.Role),
            ("company", lead => lead.Company),
            ("industry", lead => lead.Industry),
            ("linkedin_bio", lead => lead.LinkedinBio),
        ];
    }
}
