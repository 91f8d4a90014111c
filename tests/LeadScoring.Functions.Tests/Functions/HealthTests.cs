using System.Net;
using System.Net.Sockets;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

public sealed class HealthTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Health_returns_ok_when_storage_answers()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<Health>(Requests.Get(), async (f, r, ct) => await f.Run(r, ct));

        Assert.Equal("ok", response.AssertStatus(StatusCodes.Status200OK).Json().GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_returns_503_problem_when_storage_is_unreachable()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var closedPort = ClosedPort();
        await using var broken = await TestApp.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = app.ConnectionString.Replace($":{azurite.Azurite.TablePort}/", $":{closedPort}/", StringComparison.Ordinal),
        }, createStorage: false);

        var response = await broken.HttpAsync<Health>(Requests.Get(), async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status503ServiceUnavailable);
        Assert.DoesNotContain("AccountKey", problem.GetProperty("detail").GetString());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
