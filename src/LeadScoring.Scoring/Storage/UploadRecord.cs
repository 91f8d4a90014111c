using LeadScoring.Scoring.Csv;

namespace LeadScoring.Scoring.Storage;

/// <summary>An upload as <c>GET /uploads</c> lists it: the file, when it came, and what its import stored.</summary>
public sealed record UploadRecord(
    string UploadId,
    string? FileName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CommittedAt,
    int Inserted,
    int Updated,
    int Unchanged,
    int Rejected,
    int Warnings,
    int Duplicates,
    CsvTextEncoding Encoding);
