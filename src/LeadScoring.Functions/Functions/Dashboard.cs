using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace LeadScoring.Functions.Functions;

/// <summary>
/// Serves the dashboard (issue 7) at /app/: the files that src/LeadScoring.Dashboard builds, embedded in this
/// assembly, so the page ships with the app and needs no CDN or separate server. Anonymous on purpose: the
/// files hold no data; the API calls the page makes carry the function key.
/// </summary>
public sealed class Dashboard
{
    internal const string ResourcePrefix = "dashboard/";
    private const string RoutePrefix = "/app";

    private static readonly Assembly Assets = typeof(Dashboard).Assembly;
    // The module version id changes whenever the assembly (and so any embedded file) changes: a free, correct ETag.
    private static readonly EntityTagHeaderValue ETag = new($"\"{Assets.ManifestModule.ModuleVersionId:N}\"");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    [Function(nameof(Dashboard))]
    public Results<RedirectHttpResult, NotFound, FileStreamHttpResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "app/{*path}")] HttpRequest request)
    {
        // The path comes from the request, not the route value, so both hosts agree on it; routePrefix is "".
        var path = request.Path.Value ?? string.Empty;
        var file = path.Length > RoutePrefix.Length ? path[(RoutePrefix.Length + 1)..] : string.Empty;
        if (path.Length <= RoutePrefix.Length)
        {
            // "/app" → "/app/", so the page's relative links (app.js, styles.css) resolve under /app/.
            return TypedResults.Redirect($"{RoutePrefix}/{request.QueryString}");
        }

        if (file.Length == 0) file = "index.html";
        var stream = Assets.GetManifestResourceStream(ResourcePrefix + file);
        if (stream is null) return TypedResults.NotFound();
        if (!ContentTypes.TryGetContentType(file, out var contentType)) contentType = "application/octet-stream";

        var headers = request.HttpContext.Response.Headers;
        // Revalidate every time (a 304 is cheap), so a deployment is never hidden behind a stale cache.
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        return TypedResults.Stream(stream, contentType, entityTag: ETag);
    }
}
