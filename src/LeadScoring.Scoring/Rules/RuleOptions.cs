namespace LeadScoring.Scoring.Rules;

/// <summary>
/// The keyword tables of the rule layer (configuration section "Rules"). A table left unset (null) is the seed's.
/// </summary>
/// <remarks>
/// The tables start null, not pre-filled with the seed's keywords, because the configuration binder appends to a list
/// it finds: a pre-filled default plus <c>Rules:TargetIndustries:0=healthcare</c> would bind saas, software, technology,
/// tech and healthcare. Null keeps "configured replaces the default" true. Configuration cannot express an empty list,
/// so every configured table has at least one keyword; an offer can still empty a table through its overrides.
/// </remarks>
public sealed class RuleOptions
{
    public const string SectionName = "Rules";

    public IReadOnlyList<string>? DecisionMakers { get; set; }
    public IReadOnlyList<string>? SeniorRoles { get; set; }
    public IReadOnlyList<string>? Influencers { get; set; }
    public IReadOnlyList<string>? TargetIndustries { get; set; }
    public IReadOnlyList<string>? AdjacentIndustries { get; set; }
    public IReadOnlyList<string>? NeutralIndustries { get; set; }
}
