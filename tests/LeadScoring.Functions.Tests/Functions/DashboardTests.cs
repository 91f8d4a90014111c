using System.Text;
using LeadScoring.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Functions.Tests.Functions;

public sealed class DashboardTests
{
    [Fact]
    public async Task Dashboard_serves_the_page_at_app_slash()
    {
        var context = NewContext("/app/");

        await new Dashboard().Run(context.Request).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.StartsWith("text/html", context.Response.ContentType);
        Assert.Contains("<title>Lead Scoring</title>", Body(context));
        Assert.Equal("no-cache", context.Response.Headers.CacheControl);
        Assert.Contains("default-src 'self'", context.Response.Headers.ContentSecurityPolicy.ToString());
    }

    [Fact]
    public async Task Dashboard_serves_the_bundled_script_as_javascript()
    {
        var context = NewContext("/app/app.js");

        await new Dashboard().Run(context.Request).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("text/javascript", context.Response.ContentType);
        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions);
        Assert.True(context.Response.Body.Length > 10_000, "the bundle should hold the app and Chart.js");
    }

    [Fact]
    public async Task Dashboard_redirects_app_without_slash_so_relative_links_resolve()
    {
        var context = NewContext("/app", "?x=1");

        await new Dashboard().Run(context.Request).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        Assert.Equal("/app/?x=1", context.Response.Headers.Location);
    }

    [Theory]
    [InlineData("/app/missing.js")]
    [InlineData("/app/../LeadScoring.Functions.dll")]
    [InlineData("/app/.stamp")]
    public async Task Dashboard_answers_404_for_files_it_does_not_ship(string path)
    {
        var context = NewContext(path);

        await new Dashboard().Run(context.Request).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_answers_304_when_the_browser_has_the_current_file()
    {
        var first = NewContext("/app/styles.css");
        await new Dashboard().Run(first.Request).ExecuteAsync(first);
        var second = NewContext("/app/styles.css");
        second.Request.Headers.IfNoneMatch = first.Response.Headers.ETag;

        await new Dashboard().Run(second.Request).ExecuteAsync(second);

        Assert.False(string.IsNullOrEmpty(first.Response.Headers.ETag));
        Assert.Equal(StatusCodes.Status304NotModified, second.Response.StatusCode);
    }

    [Fact]
    public async Task DashboardRoot_redirects_the_site_root_to_the_dashboard()
    {
        var context = NewContext("/");

        await new DashboardRoot().Run(context.Request).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        Assert.Equal("/app/", context.Response.Headers.Location);
    }

    private static DefaultHttpContext NewContext(string path, string query = "")
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
        };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string Body(DefaultHttpContext context) =>
        Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
