using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Storage;

public sealed class StorageFaultsTests
{
    [Fact]
    public void Completion_is_retried_through_the_aggregate_the_storage_sdk_throws_when_its_retries_run_out()
    {
        var retriesSpent = new AggregateException(new HttpRequestException("refused"), new Azure.RequestFailedException(503, "unavailable"));

        Assert.True(StorageFaults.IsUnavailable(retriesSpent));
    }

    [Fact]
    public void Completion_is_not_retried_for_a_bug_or_a_client_error()
    {
        var mixed = new AggregateException(new HttpRequestException("refused"), new InvalidOperationException("bug"));

        Assert.False(StorageFaults.IsUnavailable(mixed));
        Assert.False(StorageFaults.IsUnavailable(new InvalidOperationException("bug")));
        Assert.False(StorageFaults.IsUnavailable(new Azure.RequestFailedException(404, "MessageNotFound")));
    }

    [Fact]
    public async Task A_storage_that_accepts_the_connection_and_never_answers_is_unavailable_not_a_cancellation()
    {
        // A listener that takes connections and says nothing: every attempt runs into the network timeout.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var options = new Azure.Data.Tables.TableClientOptions { RetryPolicy = new StorageRetryPolicy() };
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200);
        var table = new Azure.Data.Tables.TableClient(
            new Uri($"http://127.0.0.1:{port}/devstoreaccount1"), "leads", new Azure.Data.Tables.TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])), options);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r", cancellationToken: TestContext.Current.CancellationToken));

        Assert.True(StorageFaults.IsUnavailable(error), error.ToString());
        Assert.IsType<Azure.RequestFailedException>(error);
    }
}
