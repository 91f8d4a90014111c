namespace LeadScoring.Scoring.Storage;

/// <summary>One page of results, best score first; <see cref="Next"/> is null on the last page.</summary>
public sealed record ResultPage(IReadOnlyList<LeadResult> Results, ResultContinuation? Next);
