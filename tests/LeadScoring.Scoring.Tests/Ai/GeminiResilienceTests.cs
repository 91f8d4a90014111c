using System.Net;
using System.Text;
using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Polly;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class GeminiResilienceTests
{
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("13s", 13_000)]
    [InlineData("0.5s", 500)]
    [InlineData("1.250s", 1_250)]
    public async Task Retry_delay_comes_from_retry_info_in_a_429_body(string retryDelay, int expectedMs)
    {
        using var response = Response(GeminiReply.Quota(retryDelay));

        var delay = await GeminiResilience.RetryDelayAsync(Outcome.FromResult(response), TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public async Task Retry_delay_is_left_to_backoff_without_retry_info_or_for_5xx()
    {
        using var quota = Response(GeminiReply.Quota(retryDelay: null));
        using var unavailable = Response(GeminiReply.Unavailable());
        var token = TestContext.Current.CancellationToken;

        var quotaDelay = await GeminiResilience.RetryDelayAsync(Outcome.FromResult(quota), token);
        var unavailableDelay = await GeminiResilience.RetryDelayAsync(Outcome.FromResult(unavailable), token);

        Assert.Null(quotaDelay);
        Assert.Null(unavailableDelay);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public async Task Retry_handles_transient_statuses_only(int status, bool expected)
    {
        using var response = Response(GeminiReply.Error(status, "STATUS", "message"));

        var retry = await GeminiResilience.ShouldRetryAsync(Outcome.FromResult(response), Total, TestContext.Current.CancellationToken);

        Assert.Equal(expected, retry);
    }

    [Fact]
    public async Task Retry_body_stays_readable_after_the_predicate_reads_it()
    {
        var reply = GeminiReply.Quota("13s");
        using var response = Response(reply);

        await GeminiResilience.ShouldRetryAsync(Outcome.FromResult(response), Total, TestContext.Current.CancellationToken);

        Assert.Equal(reply.Body, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("{\"error\": {\"status\": \"UNAVAILABLE\"}}", "UNAVAILABLE")]
    [InlineData("<html>Bad gateway</html>", null)]
    [InlineData("[]", null)]
    [InlineData("", null)]
    public void Error_body_parsing_tolerates_what_proxies_send(string body, string? expectedStatus)
    {
        var error = GeminiError.Parse(body);

        Assert.Equal(expectedStatus, error.Status);
        Assert.Null(error.RetryDelay);
    }

    [Theory]
    [InlineData("13", null)]
    [InlineData("-1s", null)]
    [InlineData("abc", null)]
    [InlineData("86400s", 3_600)]
    public void Duration_parsing_rejects_malformed_values_and_caps_long_ones(string value, int? expectedSeconds)
    {
        var delay = GeminiError.ParseDuration(value);

        Assert.Equal(expectedSeconds is { } s ? TimeSpan.FromSeconds(s) : null, delay);
    }

    private static HttpResponseMessage Response(GeminiReply reply) => new((HttpStatusCode)reply.StatusCode)
    {
        Content = new StringContent(reply.Body, Encoding.UTF8, "application/json"),
    };
}
