namespace LeadScoring.Scoring.Leads;

/// <summary>
/// A stored row that may be the same person as another but was kept apart, never merged on a guess: the same name
/// and company as an earlier row of the file (<see cref="SameAsLine"/>, with both rows' fields side by side), or as
/// people stored before when it could not be told which of them it is (<see cref="SameAsLine"/> null).
/// </summary>
public sealed record PossibleDuplicate(long Line, long? SameAsLine, string Reason)
{
    /// <summary>This row's fields; null when it could not be kept for the listing.</summary>
    public DuplicateRow? Row { get; init; }

    /// <summary>The fields of the row on <see cref="SameAsLine"/>; null when it was too far back to keep.</summary>
    public DuplicateRow? SameAs { get; init; }
}
