namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>leads</c>: one lead, partition = upload id, row = line number (D8).</summary>
internal sealed class LeadRow : LeadFieldsRow
{
    /// <summary>
    /// The upload that stored a newer version of this person; while that upload counts, this version is outdated and
    /// a run passes over it.
    /// </summary>
    public string? SupersededBy { get; set; }
}
