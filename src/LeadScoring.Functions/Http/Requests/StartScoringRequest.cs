namespace LeadScoring.Functions.Http.Requests;

/// <summary>Body of <c>POST /score</c>: both fields optional (the latest offer; only leads not yet queued for it).</summary>
public sealed record StartScoringRequest(string? OfferId = null, bool? Rescore = null);
