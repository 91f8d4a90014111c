namespace LeadScoring.Scoring.Csv;

/// <summary>Reads uploaded lead files, streaming; see the README for the accepted format.</summary>
public sealed class LeadCsvReader
{
    public Task<LeadCsvFile> OpenAsync(Stream csv, CancellationToken cancellationToken) => throw new NotImplementedException();
}
