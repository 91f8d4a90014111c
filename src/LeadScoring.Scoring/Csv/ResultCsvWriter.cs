using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Csv;

/// <summary>Writes scored leads as CSV, row by row, with the seed's columns first.</summary>
public static class ResultCsvWriter
{
    public static Task WriteAsync(Stream output, IAsyncEnumerable<ScoredLead> results, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
