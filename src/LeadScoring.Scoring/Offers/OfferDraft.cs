namespace LeadScoring.Scoring.Offers;

/// <summary>An offer as a client submits it, before storage gives it an id and a creation time.</summary>
public sealed record OfferDraft(string Name, string ValueProps, string IdealUseCases, KeywordOverrides Keywords)
{
    /// <summary>The value propositions as the client listed them, when it sent a list (joined in <see cref="ValueProps"/>).</summary>
    public IReadOnlyList<string>? ValuePropsList { get; init; }

    public IReadOnlyList<string>? IdealUseCasesList { get; init; }
}
