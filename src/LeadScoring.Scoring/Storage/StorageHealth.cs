using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage;

/// <summary>A cheap storage probe for <c>GET /health</c>: one single-row query, bounded by a short timeout.</summary>
public sealed class StorageHealth(TableServiceClient service)
{
    // An unreachable account fails fast (connection refused); this bounds only a storage that accepts and stalls.
    // Slow is not down: a busy storage answers late, and App Service's health check waits a minute.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Null when storage answers; otherwise why not (no secrets: status codes and exception kinds only).</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"offer"}");
            var pages = service.GetTableClient(StorageNames.Offers).QueryAsync<TableEntity>(filter, 1, ["RowKey"], timeout.Token).AsPages();
            await foreach (var _ in pages)
            {
                break;
            }

            return null;
        }
        catch (RequestFailedException e)
        {
            return $"Table storage answered {e.Status} ({e.ErrorCode ?? "no error code"}).";
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is RequestFailedException))
        {
            // Azure.Core gives up after its retries with every attempt's failure: the account is unreachable.
            return "Table storage is unreachable.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Table storage did not answer within {Timeout.TotalSeconds:0} seconds.";
        }
    }
}
