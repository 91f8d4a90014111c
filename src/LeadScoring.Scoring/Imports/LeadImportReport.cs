using LeadScoring.Scoring.Csv;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// What an upload stored. <see cref="Rejected"/> lists the first <see cref="LeadImporter.MaxRejectedListed"/>
/// rejected rows; <see cref="RejectedTotal"/> counts them all. <see cref="Warnings"/> are stored rows with something to
/// say (a blank name), listed and counted the same way.
/// </summary>
public sealed record LeadImportReport(string? UploadId, int Inserted, IReadOnlyList<RejectedRow> Rejected, int RejectedTotal)
{
    public IReadOnlyList<RejectedRow> Warnings { get; init; } = [];

    public int WarningsTotal { get; init; }

    public CsvTextEncoding Encoding { get; init; }

    /// <summary>What each lead field was read from (<see cref="LeadCsvHeader.Describe"/>).</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();
}
