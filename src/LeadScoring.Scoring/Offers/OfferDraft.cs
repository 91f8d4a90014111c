namespace LeadScoring.Scoring.Offers;

/// <summary>An offer as a client submits it, before storage gives it an id and a creation time.</summary>
public sealed record OfferDraft(string Name, string ValueProps, string IdealUseCases, KeywordOverrides Keywords);
