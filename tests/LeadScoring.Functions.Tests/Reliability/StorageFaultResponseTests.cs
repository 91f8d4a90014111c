using System.Net;
using Azure.Data.Tables;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>When storage fails before the first row, the streamed reads answer a problem, not a 200 that breaks off.</summary>
public sealed class StorageFaultResponseTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("results")]
    [InlineData("results/export")]
    public async Task Streamed_read_answers_a_500_problem_when_storage_fails_before_the_first_row(string path)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var account = await azurite.RentAccountAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi);
        await host.CreateOfferAsync();
        await new TableServiceClient(account.ConnectionString).DeleteTableAsync(StorageNames.Results, cancellation);

        using var response = await host.Client.GetAsync(path, cancellation);
        var body = await response.Content.ReadAsStringAsync(cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("TableNotFound", body);
    }
}
