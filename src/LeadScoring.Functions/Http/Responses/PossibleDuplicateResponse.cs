using LeadScoring.Scoring.Leads;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// A stored row that may be the same person as another but was kept apart: the earlier row of the file it resembles
/// (null: people stored before), why, and both rows' fields side by side when they were kept.
/// </summary>
/// <remarks>
/// <see cref="Row"/> and <see cref="SameAs"/> stay the domain's <see cref="DuplicateRow"/>: they are a lead's fields,
/// which have one definition that every mapping uses rather than a copy here.
/// </remarks>
public sealed record PossibleDuplicateResponse(long Line, long? SameAsLine, string Reason, DuplicateRow? Row, DuplicateRow? SameAs)
{
    public static PossibleDuplicateResponse From(PossibleDuplicate duplicate) =>
        new(duplicate.Line, duplicate.SameAsLine, duplicate.Reason, duplicate.Row, duplicate.SameAs);
}
