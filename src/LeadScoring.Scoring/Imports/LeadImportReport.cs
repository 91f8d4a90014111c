using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// What an upload stored. <see cref="Rejected"/> lists the first <see cref="LeadImporter.MaxRejectedListed"/>
/// rejected rows; <see cref="RejectedTotal"/> counts them all. <see cref="Warnings"/> are stored rows with something to
/// say (a blank name), and <see cref="Duplicates"/> rows that repeat a person of the same file, listed and counted the
/// same way; <see cref="PossibleDuplicates"/> rows kept apart from another with the same name and company. <see cref="Inserted"/> counts new people, <see cref="Updated"/> people stored before whose fields changed,
/// <see cref="Unchanged"/> people stored before as they are (not stored again).
/// </summary>
public sealed record LeadImportReport(string UploadId, int Inserted, IReadOnlyList<RejectedRow> Rejected, int RejectedTotal)
{
    public int Updated { get; init; }

    public int Unchanged { get; init; }

    public IReadOnlyList<RejectedRow> Duplicates { get; init; } = [];

    public int DuplicatesTotal { get; init; }

    /// <summary>Rows kept apart from another row, or from people stored before, with the same name and company.</summary>
    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates { get; init; } = [];

    public int PossibleDuplicatesTotal { get; init; }

    /// <summary>The scoring inputs no column of the file is read as, each with the mapping that would fix it.</summary>
    public IReadOnlyList<FileWarning> FileWarnings { get; init; } = [];

    public IReadOnlyList<RejectedRow> Warnings { get; init; } = [];

    public int WarningsTotal { get; init; }

    public CsvTextEncoding Encoding { get; init; }

    /// <summary>Imported (stored while the request waited), or importing in the background.</summary>
    public UploadStatus Status { get; init; } = UploadStatus.Imported;

    /// <summary>Accepted rows: stored, or counted unchanged.</summary>
    public long Rows { get; init; }

    /// <summary>The outcomes the file stated and the offer they are recorded for; null when it has no outcome column.</summary>
    public UploadOutcomes? Outcomes { get; init; }

    /// <summary>What each lead field was read from (<see cref="LeadCsvHeader.Describe"/>).</summary>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();
}
