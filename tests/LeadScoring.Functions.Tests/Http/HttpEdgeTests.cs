using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LeadScoring.Functions.Tests.Reliability;
using LeadScoring.Functions.Tests.Support;

namespace LeadScoring.Functions.Tests.Http;

/// <summary>The HTTP edge as a client meets it: unknown routes, wrong methods, HEAD and a storage outage.</summary>
public sealed class HttpEdgeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("GET", "score", "POST")]
    [InlineData("DELETE", "results", "GET")]
    [InlineData("POST", "health", "GET, HEAD")]
    [InlineData("PUT", "offer/abc", "GET")]
    [InlineData("POST", "app/index.html", "GET, HEAD")]
    public async Task Known_route_with_another_method_answers_405_problem_with_allow(string method, string path, string allow)
    {
        await using var account = await azurite.RentAccountAsync(TestContext.Current.CancellationToken);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi);

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        var problem = await ProblemAsync(response);
        Assert.Equal(405, problem.GetProperty("status").GetInt32());
        Assert.Contains(method, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "nope")]
    [InlineData("POST", "score/extra")]
    [InlineData("GET", "results/export/x")]
    public async Task Unknown_route_answers_404_problem(string method, string path)
    {
        await using var account = await azurite.RentAccountAsync(TestContext.Current.CancellationToken);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi);

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(path, (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_health_answers_like_get_without_a_body()
    {
        await using var account = await azurite.RentAccountAsync(TestContext.Current.CancellationToken);
        await using var host = await RunningLocalHost.StartAsync(account.ConnectionString, RunningLocalHost.NoAi);

        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "health"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact(Timeout = 120_000)]
    [Trait("Category", "Slow")]
    public async Task Every_endpoint_that_needs_storage_answers_503_problem_with_retry_after_within_seconds_while_it_is_down()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var storage = await OnDiskAzurite.StartAsync(cancellation);
        await using var host = await RunningLocalHost.StartAsync(storage.ConnectionString, RunningLocalHost.NoAi);
        await storage.StopAsync(cancellation);
        var requests = new (HttpMethod Method, string Path, HttpContent? Body)[]
        {
            (HttpMethod.Get, "health", null),
            (HttpMethod.Get, "offers", null),
            (HttpMethod.Get, "offer/abc", null),
            (HttpMethod.Post, "offer", Json(Support.TestApp.SeedOffer)),
            (HttpMethod.Post, "leads/upload", new StringContent("name,role,company,industry\nAda,CTO,Acme,SaaS\n", Encoding.UTF8, "text/csv")),
            (HttpMethod.Post, "score", Json("{}")),
            (HttpMethod.Get, "score/runs/20260101000000000-abcdef", null),
            (HttpMethod.Get, "results", null),
            (HttpMethod.Get, "results/export", null),
        };

        foreach (var (method, path, body) in requests)
        {
            var clock = Stopwatch.StartNew();
            using var response = await host.Client.SendAsync(new HttpRequestMessage(method, path) { Content = body }, cancellation);
            clock.Stop();

            Assert.True(HttpStatusCode.ServiceUnavailable == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellation)}");
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal(503, (await ProblemAsync(response)).GetProperty("status").GetInt32());
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{method} {path} took {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }
}
