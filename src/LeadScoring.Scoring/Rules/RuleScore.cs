namespace LeadScoring.Scoring.Rules;

/// <summary>The deterministic half of a score (0–50) with what produced each part.</summary>
public sealed record RuleScore(
    RoleTier RoleTier,
    int RolePoints,
    string? RoleKeyword,
    IndustryTier IndustryTier,
    int IndustryPoints,
    string? IndustryKeyword,
    int CompletenessPoints,
    IReadOnlyList<string> MissingFields)
{
    public int Total => RolePoints + IndustryPoints + CompletenessPoints;
}
