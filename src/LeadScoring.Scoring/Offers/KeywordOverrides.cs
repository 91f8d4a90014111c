namespace LeadScoring.Scoring.Offers;

/// <summary>
/// An offer's replacements for the configured keyword tables. A null list keeps the configured
/// table; a non-null list (even empty) replaces it, e.g. an offer for hospitals names "healthcare"
/// as its target industry.
/// </summary>
public sealed record KeywordOverrides(
    IReadOnlyList<string>? DecisionMakers = null,
    IReadOnlyList<string>? SeniorRoles = null,
    IReadOnlyList<string>? Influencers = null,
    IReadOnlyList<string>? TargetIndustries = null,
    IReadOnlyList<string>? AdjacentIndustries = null,
    IReadOnlyList<string>? NeutralIndustries = null)
{
    public static KeywordOverrides None { get; } = new();
}
