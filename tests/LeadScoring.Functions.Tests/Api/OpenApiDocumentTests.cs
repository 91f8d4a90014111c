using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Configuration;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace LeadScoring.Functions.Tests.Api;

/// <summary>
/// Keeps docs/openapi.yaml true: its operations are exactly the HTTP functions' routes and methods (read from their
/// own trigger attributes, as the local host reads them), and only anonymous functions go without a function key.
/// </summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite)
{
    // Static files, not API (issue 7, the dashboard branch): Dashboard serves the page's files at /app/{*path} and
    // DashboardRoot redirects / there, both anonymous and holding no data. docs/dashboard.md describes the page; listed
    // here by name so the functions stay out of the API description, and every other function stays in it.
    // UnmatchedRoute is the 404/405 answer for every path and method no function takes (documented under
    // components.responses, not as a path).
    private static readonly HashSet<string> NotApi = ["Dashboard", "DashboardRoot", "UnmatchedRoute"];

    private static readonly string DocumentPath = Path.Combine(RepositoryPaths.Root, "docs", "openapi.yaml");

    private static readonly Lazy<ReadResult> Read = new(() =>
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        return OpenApiDocument.Parse(File.ReadAllText(DocumentPath), OpenApiConstants.Yaml, settings);
    });

    private static OpenApiDocument Document => Read.Value.Document ?? throw new InvalidOperationException($"{DocumentPath} did not parse.");

    [Fact]
    public void Document_is_valid_openapi_3_1_without_errors_or_warnings()
    {
        var (document, diagnostic) = Read.Value;

        Assert.NotNull(document);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic!.SpecificationVersion);
        // Joined, so a failure shows each message whole (xunit shortens collection items).
        Assert.Equal("", string.Join(Environment.NewLine, diagnostic.Errors.Select(error => $"{error.Pointer}: {error.Message}")));
        Assert.Equal("", string.Join(Environment.NewLine, diagnostic.Warnings.Select(warning => $"{warning.Pointer}: {warning.Message}")));
    }

    [Fact]
    public void Document_describes_every_http_function_and_nothing_else()
    {
        var functions = Functions().Select(f => f.Key).ToHashSet();

        var documented = Operations().Select(o => o.Key).ToHashSet();

        Assert.NotEmpty(functions);
        Assert.Empty(functions.Except(documented).Order()); // a function the document does not describe
        Assert.Empty(documented.Except(functions).Order()); // an operation no function serves
    }

    [Fact]
    public void Document_leaves_out_the_key_exactly_where_the_function_is_anonymous()
    {
        var anonymousFunctions = Functions().Where(f => f.AuthLevel == nameof(AuthorizationLevel.Anonymous)).Select(f => f.Key).Order();

        var keylessOperations = Operations().Where(o => IsKeyless(o.Security)).Select(o => o.Key).Order();

        Assert.NotEmpty(anonymousFunctions);
        Assert.Equal(anonymousFunctions, keylessOperations);
    }

    [Fact]
    public void Document_accepts_the_function_key_as_header_or_query_on_every_keyed_operation()
    {
        var keyed = Operations().Where(o => !IsKeyless(o.Security)).ToList();

        var schemes = keyed.ToDictionary(
            o => o.Key,
            o => string.Join(" | ", o.Security.Select(requirement => string.Join(" & ", requirement.Keys.Select(Describe).Order()))));

        Assert.NotEmpty(keyed);
        Assert.All(schemes, scheme => Assert.Equal("apiKey header x-functions-key | apiKey query code", scheme.Value));
    }

    [Fact]
    public void Document_declares_each_path_parameter_of_its_path_template()
    {
        var operations = Operations().ToList();

        Assert.Contains(operations, o => o.PathParameters.Count > 0);
        Assert.All(operations, o => Assert.Equal(Template(o.Path).Order(), o.PathParameters.Order()));
    }

    [Fact]
    public async Task Results_rows_have_exactly_the_documented_fields_and_types()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        await StoredResults.SeedAsync(app, offerId, ("a", 91), ("b", 30));
        // A rule-fallback row too, so the nullable fields are seen both null and set.
        var lead = new Lead("c", "Lead c", "Intern", "Acme", "retail", "Oslo", "");
        var breakdown = new ScoreBreakdown(0, "intern read as intern", 0, null, 8, ["linkedin_bio"], 5, Intent.Low, null, IntentSource.Fallback, FallbackReason.AiQuota)
        {
            TitleSeniority = TitleSeniority.Intern,
            TitleDepartment = Department.Sales,
            IndustryCategory = "Retail & Consumer Goods",
        };
        var fallback = new LeadResult(new ScoredLead(lead, new LeadScore(13, Intent.Low, "Reason c", breakdown)), "run-1", DateTimeOffset.UnixEpoch);
        await app.Get<ResultTable>().UpsertAsync(offerId, fallback, TestApp.Cancellation);
        var schema = Document.Paths["/results"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;

        var response = await app.GetResultsAsync();

        var rows = response.AssertStatus(StatusCodes.Status200OK).Json();
        Assert.Equal(3, rows.GetArrayLength());
        AssertMatches(schema, rows, "$");
    }

    [Fact]
    public async Task A_background_upload_answer_and_its_status_have_exactly_the_documented_fields_and_types()
    {
        await using var app = await TestApp.StartAsync(azurite, new Dictionary<string, string?> { ["Upload:InlineMaxRows"] = "1", ["Upload:PartRows"] = "100" });
        var csv = "name,role,company,email\nAda,CTO,Engines,ada@e.test\nGrace,Engineer,Navy,grace@n.test\nBroken\n,CEO,Nameless Inc,\nAda,CTO,Engines,ada@e.test\n";
        var upload = Document.Paths["/leads/upload"].Operations![HttpMethod.Post].Responses!["202"].Content!["application/json"].Schema!;
        var status = Document.Paths["/uploads/{id}"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;

        var answer = (await app.UploadAsync(csv)).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var id = answer.GetProperty("upload_id").GetString()!;
        var imported = (await app.HttpAsync<GetUpload>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct))).AssertStatus(StatusCodes.Status200OK).Json();

        AssertMatches(upload, answer, "$");
        AssertMatches(status, imported, "$");
        Assert.Equal("imported", imported.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Outcome_answers_and_the_evaluation_have_exactly_the_documented_fields_and_types()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var offerId = await app.CreateOfferIdAsync();
        var people = string.Concat(Enumerable.Range(0, 50).Select(i => $"P{i},{(i % 2 == 0 ? "CEO" : "Analyst")},C{i},saas,p{i}@x.test\n"));
        await app.UploadAsync("name,role,company,industry,email\n" + people);
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();
        var outcomes = Document.Paths["/outcomes"].Operations![HttpMethod.Post].Responses!["200"].Content!["application/json"].Schema!;
        var evaluation = Document.Paths["/offer/{id}/evaluation"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;

        var recorded = (await app.HttpAsync<RecordOutcomes>(
            Requests.MultipartCsv("email,outcome\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"p{i}@x.test,{(i % 3 == 0 ? "won" : "lost")}\n")) + "nobody@x.test,won\n"),
            async (f, r, ct) => await f.Run(r, ct))).AssertStatus(StatusCodes.Status200OK).Json();
        var measured = (await app.HttpAsync<GetEvaluation>(Requests.Get(), async (f, r, ct) => await f.Run(r, offerId, ct))).AssertStatus(StatusCodes.Status200OK).Json();

        AssertMatches(outcomes, recorded, "$");
        AssertMatches(evaluation, measured, "$");
        Assert.True(measured.GetProperty("enough").GetBoolean());
    }

    [Fact]
    public async Task Run_answers_and_an_upload_delete_have_exactly_the_documented_fields_and_types()
    {
        await using var app = await TestApp.StartAsync(azurite);
        await app.CreateOfferIdAsync();
        var uploadId = (await app.UploadAsync()).Json().GetProperty("upload_id").GetString()!;
        var started = Document.Paths["/score"].Operations![HttpMethod.Post].Responses!["202"].Content!["application/json"].Schema!;
        var status = Document.Paths["/score/runs/{runId}"].Operations![HttpMethod.Get].Responses!["200"].Content!["application/json"].Schema!;
        var deleted = Document.Paths["/uploads/{id}"].Operations![HttpMethod.Delete].Responses!["200"].Content!["application/json"].Schema!;

        var start = (await app.StartScoringAsync()).AssertStatus(StatusCodes.Status202Accepted).Json();
        await app.ProcessQueuesAsync();
        var run = (await app.GetRunAsync(start.GetProperty("run_id").GetString()!)).AssertStatus(StatusCodes.Status200OK).Json();
        var delete = (await app.HttpAsync<DeleteUpload>(Requests.Get(), async (f, r, ct) => await f.Run(r, uploadId, ct))).AssertStatus(StatusCodes.Status200OK).Json();

        AssertMatches(started, start, "$");
        AssertMatches(status, run, "$");
        AssertMatches(deleted, delete, "$");
        Assert.True(run.GetProperty("done").GetBoolean());
    }

    private sealed record ServedOperation(string Function, string Key, string AuthLevel);

    private sealed record DocumentedOperation(string Path, string Key, IList<OpenApiSecurityRequirement> Security, IReadOnlyList<string> PathParameters);

    /// <summary>The HTTP functions as the Functions host serves them: host.json's route prefix, each route and method.</summary>
    private static IEnumerable<ServedOperation> Functions()
    {
        var prefix = HostJsonOptions.Load(Path.Combine(RepositoryPaths.Root, "host.json")).RoutePrefix;
        return FunctionCatalog.FromAssembly(typeof(Health).Assembly).Http
            .Where(function => !NotApi.Contains(function.Name))
            .SelectMany(function => function.Methods.Select(method =>
                new ServedOperation(function.Name, $"{method.ToUpperInvariant()} {Normalise(prefix, function.Route)}", function.AuthLevel)));
    }

    /// <summary>"offer/{id:int}" → "/offer/{id}": constraints, defaults, optional and catch-all marks go; parameter names stay.</summary>
    private static string Normalise(string prefix, string route)
    {
        var pattern = RoutePatternFactory.Parse(string.Join('/', new[] { prefix.Trim('/'), route.Trim('/') }.Where(part => part.Length > 0)));
        return "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new NotSupportedException(part.GetType().Name),
        }))));
    }

    private static IEnumerable<DocumentedOperation> Operations() =>
        Document.Paths.SelectMany(path => (path.Value.Operations ?? []).Select(operation => new DocumentedOperation(
            path.Key,
            $"{operation.Key.Method.ToUpperInvariant()} {path.Key}",
            operation.Value.Security ?? Document.Security ?? [],
            (path.Value.Parameters ?? []).Concat(operation.Value.Parameters ?? [])
                .Where(parameter => parameter.In == ParameterLocation.Path)
                .Select(parameter => parameter.Name!)
                .ToList())));

    /// <summary>The {names} of a path template.</summary>
    private static IEnumerable<string> Template(string path) =>
        path.Split('/').Where(segment => segment.StartsWith('{') && segment.EndsWith('}')).Select(segment => segment[1..^1]);

    // No requirement, or an empty one ("{}"), lets a client call without credentials.
    private static bool IsKeyless(IList<OpenApiSecurityRequirement> security) =>
        security.Count == 0 || security.Any(requirement => requirement.Count == 0);

    private static string Describe(OpenApiSecuritySchemeReference scheme) =>
        $"{scheme.Type?.ToString().ToLowerInvariant() switch { "apikey" => "apiKey", var other => other }} {scheme.In?.ToString().ToLowerInvariant()} {scheme.Name}";

    /// <summary>
    /// A shallow schema check, enough to catch drift between the records and the document: an object has exactly the
    /// documented properties (all required ones present), each value's JSON type is one the schema allows.
    /// </summary>
    private static void AssertMatches(IOpenApiSchema schema, JsonElement value, string at)
    {
        Assert.True(Allows(schema.Type, value), $"{at}: {value.ValueKind} is not {schema.Type}");
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var (item, index) in value.EnumerateArray().Select((item, index) => (item, index)))
                {
                    AssertMatches(schema.Items!, item, $"{at}[{index}]");
                }

                break;
            case JsonValueKind.Object when schema.Properties is { Count: > 0 } properties:
                var fields = value.EnumerateObject().Select(property => property.Name).ToHashSet();
                Assert.Equal($"{at}: undocumented [], missing []", Difference(at, fields, properties.Keys));
                Assert.Empty((schema.Required ?? new HashSet<string>()).Except(fields).Order());
                foreach (var property in value.EnumerateObject())
                {
                    AssertMatches(properties[property.Name], property.Value, $"{at}.{property.Name}");
                }

                break;
        }
    }

    private static string Difference(string at, IEnumerable<string> actual, IEnumerable<string> documented) =>
        $"{at}: undocumented [{string.Join(", ", actual.Except(documented).Order())}], missing [{string.Join(", ", documented.Except(actual).Order())}]";

    private static bool Allows(JsonSchemaType? type, JsonElement value) => type is not { } allowed || value.ValueKind switch
    {
        JsonValueKind.Object => allowed.HasFlag(JsonSchemaType.Object),
        JsonValueKind.Array => allowed.HasFlag(JsonSchemaType.Array),
        JsonValueKind.String => allowed.HasFlag(JsonSchemaType.String),
        JsonValueKind.Number => allowed.HasFlag(JsonSchemaType.Number) || (allowed.HasFlag(JsonSchemaType.Integer) && value.TryGetInt64(out _)),
        JsonValueKind.True or JsonValueKind.False => allowed.HasFlag(JsonSchemaType.Boolean),
        JsonValueKind.Null => allowed.HasFlag(JsonSchemaType.Null),
        _ => false,
    };
}
