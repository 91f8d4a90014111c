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
    private readonly KeywordMatcher<IndustryTier> industries;

    public RuleScorer(IOptions<RuleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value;
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

        var role = roleMatcher.Match(lead.Role);
        var industry = industryMatcher.Match(lead.Industry);
        var missing = MissingFields(lead);
        var (roleTier, roleKeyword) = role is not null
            ? (role.Tier, role.Keyword)
            : SenioritySaid(lead.Seniority) is { } stated ? (stated, "seniority: " + lead.Seniority.Trim()) : (RoleTier.None, null);
        var industryTier = industry?.Tier ?? IndustryTier.None;
        return new RuleScore(
            roleTier,
            RolePoints(roleTier),
            roleKeyword,
            industryTier,
            IndustryPoints(industryTier),
            industry?.Keyword,
            (LeadFields.All.Count - missing.Length) * PointsPerCompleteField,
            missing);
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
