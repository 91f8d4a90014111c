namespace LeadScoring.Scoring.Offers;

/// <summary>The product a team sells; every lead is scored against one offer.</summary>
public sealed record Offer(
    string Id,
    string Name,
    string ValueProps,
    string IdealUseCases,
    KeywordOverrides Keywords,
    DateTimeOffset CreatedAt);
