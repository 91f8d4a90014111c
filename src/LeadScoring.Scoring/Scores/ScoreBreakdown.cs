using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Scores;

/// <summary>Every part of a score and where it came from, so a score can be explained.</summary>
public sealed record ScoreBreakdown(
    int RolePoints,
    string? RoleKeyword,
    int IndustryPoints,
    string? IndustryKeyword,
    int CompletenessPoints,
    IReadOnlyList<string> MissingFields,
    int AiPoints,
    Intent AiIntent,
    double? AiConfidence,
    IntentSource AiSource,
    FallbackReason? FallbackReason)
{
    /// <summary>The title holder's own level as the title reader read it.</summary>
    public TitleSeniority TitleSeniority { get; init; }

    /// <summary>The function the title works in as the title reader read it.</summary>
    public Department TitleDepartment { get; init; }

    /// <summary>The category the industry label was read as; null when unknown.</summary>
    public string? IndustryCategory { get; init; }
}
