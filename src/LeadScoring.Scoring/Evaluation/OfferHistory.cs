using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Evaluation;

/// <summary>
/// An offer's scored leads joined with their recorded outcomes, by person: one scan of the offer's outcomes and one of
/// its results, whatever their number. What the evaluation measures and the likelihood learns from.
/// </summary>
public sealed class OfferHistory(OutcomeTable outcomes, ResultTable results)
{
    /// <summary>A scored lead with a known outcome.</summary>
    public sealed record Labelled(string PersonId, LeadResult Result, bool Converted);

    /// <summary>The labelled leads; open outcomes, and outcomes of people never scored for the offer, only counted.</summary>
    public sealed record Snapshot(IReadOnlyList<Labelled> Leads, int Open, int Unscored, int Recorded);

    public async Task<Snapshot> LoadAsync(string offerId, CancellationToken cancellationToken)
    {
        var recorded = await outcomes.ListAsync(offerId, cancellationToken);
        var labelled = new List<Labelled>();
        var scored = new HashSet<string>(StringComparer.Ordinal);
        if (recorded.Count > 0)
        {
            await foreach (var result in results.QueryAsync(offerId, ResultFilter.All, cancellationToken))
            {
                var personId = ResultTable.PersonOf(result.Scored.Lead);
                if (!recorded.TryGetValue(personId, out var outcome) || !scored.Add(personId)) continue;
                if (outcome.Reading.Kind == OutcomeKind.Open) continue;
                labelled.Add(new Labelled(personId, result, outcome.Reading.Kind == OutcomeKind.Positive));
            }
        }

        var open = recorded.Values.Count(outcome => outcome.Reading.Kind == OutcomeKind.Open);
        var unscored = recorded.Values.Count(outcome => outcome.Reading.Kind != OutcomeKind.Open && !scored.Contains(outcome.PersonId));
        return new Snapshot(labelled, open, unscored, recorded.Count);
    }
}
