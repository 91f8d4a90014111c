namespace LeadScoring.Scoring.Rules;

/// <summary>The seed service's keyword tables: the rule layer's defaults for every table not configured.</summary>
internal static class SeedKeywords
{
    public static IReadOnlyList<string> DecisionMakers { get; } = ["ceo", "founder", "owner", "cto", "cfo", "coo", "chief"];
    public static IReadOnlyList<string> SeniorRoles { get; } = ["vp", "vice president", "head", "director"];
    public static IReadOnlyList<string> Influencers { get; } = ["manager", "lead", "senior", "principal", "architect"];
    public static IReadOnlyList<string> TargetIndustries { get; } = ["saas", "software", "technology", "tech"];
    public static IReadOnlyList<string> AdjacentIndustries { get; } = ["consulting", "services", "fintech", "healthcare tech", "edtech"];
    public static IReadOnlyList<string> NeutralIndustries { get; } = ["finance", "healthcare", "education", "manufacturing"];
}
