using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// Answer of <c>POST /leads/upload?dry_run=true</c>: the first rows as they would be stored, which of the file's
/// columns each lead field would come from, the file's own columns, the fields a mapping may name, and what the file
/// as a whole lacks (the same warnings the import gives). Nothing is stored.
/// </summary>
public sealed record UploadPreviewResponse(
    bool DryRun,
    CsvTextEncoding Encoding,
    IReadOnlyList<string> FileColumns,
    IReadOnlyDictionary<string, string> Columns,
    IReadOnlyList<string> Fields,
    IReadOnlyList<PreviewRow> Rows,
    IReadOnlyList<FileWarning> FileWarnings)
{
    /// <summary>How many rows a dry run shows.</summary>
    public const int PreviewRows = 10;

    public static UploadPreviewResponse From(LeadImportPreview preview) => new(
        true, preview.Encoding, preview.FileColumns, preview.Columns, LeadCsvColumns.FieldNames,
        [.. preview.Rows.Select(row => new PreviewRow(row.Line, row.Lead is { } lead ? LeadFields.AllToWire(lead) : null, row.Error, row.Warning))],
        preview.FileWarnings);
}

/// <summary>
/// A row of a dry run: the lead as it would be stored (every field by wire name, <see cref="LeadFields"/>), or why the
/// row would be rejected.
/// </summary>
public sealed record PreviewRow(long Line, IReadOnlyDictionary<string, string>? Lead, string? Error, string? Warning);
