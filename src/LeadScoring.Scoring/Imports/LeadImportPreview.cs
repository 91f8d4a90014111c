using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// A dry run of an upload: the first rows as they would be stored, which column each lead field would come from, and
/// the file's own columns; or why the file would be refused. Nothing is stored.
/// </summary>
public sealed record LeadImportPreview(
    IReadOnlyList<string> FileColumns,
    IReadOnlyDictionary<string, string> Columns,
    CsvTextEncoding Encoding,
    IReadOnlyList<LeadCsvRow> Rows,
    string? FileError = null,
    long? FileErrorLine = null)
{
    /// <summary>The scoring inputs the file has no column for, as the import would warn.</summary>
    public IReadOnlyList<FileWarning> FileWarnings { get; init; } = [];
}
