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
        [.. preview.Rows.Select(row => new PreviewRow(row.Line, row.Lead is { } lead ? PreviewLead.From(lead) : null, row.Error, row.Warning))],
        preview.FileWarnings);
}

/// <summary>A row of a dry run: the lead as it would be stored, or why the row would be rejected.</summary>
public sealed record PreviewRow(long Line, PreviewLead? Lead, string? Error, string? Warning);

/// <summary>A lead's fields as an import would store them.</summary>
public sealed record PreviewLead(
    string Name, string Role, string Company, string Industry, string Location, string LinkedinBio,
    string Email, string Phone, string LinkedinUrl, string Website, string Seniority, string Department, string RecordId)
{
    public static PreviewLead From(Lead lead) => new(
        lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio,
        lead.Email, lead.Phone, lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId);
}
