namespace LeadScoring.Scoring.Imports;

/// <summary>Outcomes recorded (<see cref="Report"/>), or a file refused as a whole (nothing recorded), with the line when it has one.</summary>
public sealed record OutcomeImport(OutcomeImportReport? Report, string? FileError, long? FileErrorLine)
{
    public static OutcomeImport Recorded(OutcomeImportReport report) => new(report, null, null);

    public static OutcomeImport Refused(string error, long? line) => new(null, error, line);
}
