namespace LeadScoring.Scoring.Csv;

/// <summary>
/// An opened leads file. <see cref="FileError"/> is set when the file as a whole is unusable
/// (empty, not CSV, a required column missing); then there are no rows.
/// </summary>
public sealed class LeadCsvFile : IAsyncDisposable
{
    public string? FileError => throw new NotImplementedException();

    /// <summary>Streams the data rows. A fault that makes the rest unreadable throws <see cref="LeadCsvFormatException"/>.</summary>
    public IAsyncEnumerable<LeadCsvRow> ReadRowsAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
