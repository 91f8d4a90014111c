namespace LeadScoring.Scoring.Rules;

/// <summary>The deterministic half of a score (0–50) with what produced each part, and how the title and industry were read.</summary>
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

    /// <summary>The title holder's own level as <see cref="TitleReader"/> read it.</summary>
    public TitleSeniority TitleSeniority { get; init; }

    /// <summary>The function the title works in as <see cref="TitleReader"/> read it.</summary>
    public Department TitleDepartment { get; init; }

    /// <summary>The category the industry label was read as (<see cref="IndustryLabels"/>); null when neither the map nor a keyword knew it.</summary>
    public string? IndustryCategory { get; init; }
}
