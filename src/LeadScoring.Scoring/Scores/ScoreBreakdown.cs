using LeadScoring.Scoring.Ai;

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
    FallbackReason? FallbackReason);
