namespace LeadScoring.Scoring.Csv;

/// <summary>The file stopped being readable CSV part-way (e.g. invalid UTF-8 at a given line).</summary>
public sealed class LeadCsvFormatException(long line, string message) : Exception(message)
{
    public long Line { get; } = line;
}
