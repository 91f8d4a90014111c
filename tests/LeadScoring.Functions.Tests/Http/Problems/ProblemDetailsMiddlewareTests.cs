using LeadScoring.Functions.Http;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace LeadScoring.Functions.Tests.Http.Problems;

public sealed class ProblemDetailsMiddlewareTests
{
    private const string Secret = "connection string AccountKey=c2VjcmV0";

    private readonly FakeLogger<ProblemDetailsMiddleware> logger = new();

    [Fact]
    public async Task Middleware_answers_a_500_problem_without_exception_text_when_an_http_function_throws()
    {
        var middleware = new ProblemDetailsMiddleware(logger);
        var request = Requests.Get();
        await using var services = HttpServices();

        var result = await middleware.InvokeAsync(request.HttpContext, "GetResults", "invocation-1", () => throw new InvalidOperationException(Secret));

        var response = await TestResponse.ExecuteAsync(Assert.IsAssignableFrom<IResult>(result), request, services);
        ProblemAssert.Problem(response, StatusCodes.Status500InternalServerError);
        Assert.DoesNotContain("AccountKey", response.Body);
        Assert.DoesNotContain(nameof(InvalidOperationException), response.Body);
    }

    [Fact]
    public async Task Middleware_logs_the_failure_once_as_an_error_with_the_function_and_invocation()
    {
        var middleware = new ProblemDetailsMiddleware(logger);
        var thrown = new InvalidOperationException("boom");

        await middleware.InvokeAsync(new DefaultHttpContext(), "GetResults", "invocation-1", () => throw thrown);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Same(thrown, record.Exception);
        Assert.Contains("GetResults", record.Message);
        Assert.Contains("invocation-1", record.Message);
    }

    [Fact]
    public async Task Middleware_rethrows_for_a_queue_function_so_the_host_retries_it()
    {
        var middleware = new ProblemDetailsMiddleware(logger);
        var thrown = new InvalidOperationException("boom");

        var rethrown = await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(null, "ScoreLead", "invocation-1", () => throw thrown));

        Assert.Same(thrown, rethrown);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Middleware_rethrows_when_the_client_has_aborted_the_request()
    {
        var middleware = new ProblemDetailsMiddleware(logger);
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var http = new DefaultHttpContext { RequestAborted = aborted.Token };

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            middleware.InvokeAsync(http, "ExportResults", "invocation-1", () => throw new OperationCanceledException(aborted.Token)));

        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task Middleware_leaves_a_successful_function_alone()
    {
        var middleware = new ProblemDetailsMiddleware(logger);
        var ran = false;

        var result = await middleware.InvokeAsync(new DefaultHttpContext(), "Health", "invocation-1", () => { ran = true; return Task.CompletedTask; });

        Assert.True(ran);
        Assert.Null(result);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    private static ServiceProvider HttpServices() => new ServiceCollection().AddLogging().AddLeadScoringHttp().BuildServiceProvider();
}
