using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using LeadScoring.Azurite;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>
/// One in-memory Azurite per test run (free ports) serving <see cref="AccountCount"/> accounts. Each test rents an
/// account of its own, so tests run in parallel with the production table and queue names; returning the lease
/// deletes the account's tables, queues and blob containers and puts it back in the pool. Use it as an assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>): a collection fixture would run its classes one by one.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const int AccountCount = 40;
    private readonly Channel<AzuriteAccount> free = Channel.CreateUnbounded<AzuriteAccount>();
    private AzuriteProcess? azurite;

    public AzuriteProcess Azurite => azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async ValueTask InitializeAsync()
    {
        var accounts = Enumerable.Range(1, AccountCount)
            .Select(i => new AzuriteAccount($"test{i:D2}", Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"leadscoring-test-{i}")))))
            .ToList();
        azurite = await AzuriteProcess.StartAsync(new AzuriteOptions { InMemory = true, Accounts = accounts }, CancellationToken.None);
        foreach (var account in accounts) free.Writer.TryWrite(account);
    }

    /// <summary>An empty storage account for one test; dispose the lease when the test ends.</summary>
    public async Task<AzuriteAccountLease> RentAccountAsync(CancellationToken cancellationToken)
    {
        var account = await free.Reader.ReadAsync(cancellationToken);
        return new AzuriteAccountLease(account.Name, Azurite.ConnectionString(account.Name), lease => ReturnAsync(account, lease));
    }

    public async ValueTask DisposeAsync()
    {
        if (azurite is not null) await azurite.DisposeAsync();
    }

    private async ValueTask ReturnAsync(AzuriteAccount account, AzuriteAccountLease lease)
    {
        await lease.EmptyAsync(CancellationToken.None);
        free.Writer.TryWrite(account);
    }
}
