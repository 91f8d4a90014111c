namespace LeadScoring.Scoring.Offers;

/// <summary>
/// The product a team sells; every lead is scored against one offer. A client may send the value propositions and
/// use cases as lists: <see cref="ValueProps"/> and <see cref="IdealUseCases"/> hold them joined (what the model
/// reads), the lists keep them as sent.
/// </summary>
public sealed record Offer(
    string Id,
    string Name,
    string ValueProps,
    string IdealUseCases,
    KeywordOverrides Keywords,
    DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string>? ValuePropsList { get; init; }

    public IReadOnlyList<string>? IdealUseCasesList { get; init; }
}
