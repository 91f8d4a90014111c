namespace LeadScoring.Functions.Http.Responses;

public sealed record ScoreBreakdownResponse(
    int RolePoints,
    string? RoleKeyword,
    int IndustryPoints,
    string? IndustryKeyword,
    int CompletenessPoints,
    IReadOnlyList<string> MissingFields,
    int AiPoints,
    string AiIntent,
    double? AiConfidence);
