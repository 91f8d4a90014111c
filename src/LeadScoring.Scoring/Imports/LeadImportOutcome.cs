using System.Diagnostics.CodeAnalysis;

namespace LeadScoring.Scoring.Imports;

/// <summary>The result of an upload: a report, or why the whole file was refused (and, if known, at which line).</summary>
public sealed record LeadImportOutcome(LeadImportStatus Status, LeadImportReport? Report, string? FileError = null, long? FileErrorLine = null)
{
    [MemberNotNullWhen(true, nameof(Report))]
    [MemberNotNullWhen(false, nameof(FileError))]
    public bool IsImported => Status == LeadImportStatus.Imported;

    /// <summary>The file's columns, when its header was refused: the problem lists them.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public static LeadImportOutcome Imported(LeadImportReport report) => new(LeadImportStatus.Imported, report);

    public static LeadImportOutcome Invalid(string error, long? line = null) => new(LeadImportStatus.InvalidFile, null, error, line);

    public static LeadImportOutcome TooLarge(long maxBytes) =>
        new(LeadImportStatus.TooLarge, null, $"The file is larger than the limit of {maxBytes} bytes.");
}
