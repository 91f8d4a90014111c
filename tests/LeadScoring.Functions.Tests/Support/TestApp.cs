using System.Text.Json;
using Azure.Core.Serialization;
using Azure.Storage.Queues;
using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Http;
using LeadScoring.Scoring;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>
/// The service as both hosts compose it (AddLeadScoring + AddLeadScoringHttp) on a storage account of its own,
/// with the function classes called directly and the queues driven by <see cref="QueueDriver"/>.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string SeedCsv = """
        name,role,company,industry,location,linkedin_bio
        John Smith,CEO,TechCorp,saas,San Francisco,Scaling SaaS platforms for Fortune 500
        Sarah Johnson,VP Marketing,DataTech,technology,Seattle,Growth marketing leader
        Mike Chen,HR Manager,RetailCorp,retail,Chicago,Human resources professional
        """;

    public const string SeedOffer = """
        {"name": "Enterprise CRM Platform",
         "value_props": "Advanced analytics, automation, seamless integrations",
         "ideal_use_cases": "Large enterprises, sales teams 50+, complex sales cycles"}
        """;

    private readonly AzuriteAccountLease lease;
    private readonly ServiceProvider provider;

    private TestApp(AzuriteAccountLease lease, ServiceProvider provider)
    {
        this.lease = lease;
        this.provider = provider;
        var serializer = WorkerSerializer();
        Queues = new QueueDriver(provider.GetRequiredService<QueueServiceClient>(), serializer, HostJson.Load().MaxDequeueCount);
    }

    public IServiceProvider Services => provider;

    public QueueDriver Queues { get; }

    public string ConnectionString => lease.ConnectionString;

    public static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static async Task<TestApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, bool createStorage = true)
    {
        var lease = await azurite.RentAccountAsync(Cancellation);
        var values = new Dictionary<string, string?> { [StorageNames.Connection] = lease.ConnectionString };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLeadScoring(configuration);
        services.AddLeadScoringHttp();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        if (createStorage) await provider.GetRequiredService<StorageInitializer>().CreateIfNotExistsAsync(Cancellation);
        // The one background service the functions rely on, as a host would start it.
        await provider.GetRequiredService<RunCompletion>().StartAsync(Cancellation);
        return new TestApp(lease, provider);
    }

    /// <summary>The serializer the isolated worker binds trigger payloads with, as Program.cs configures it.</summary>
    public static ObjectSerializer WorkerSerializer()
    {
        var services = new ServiceCollection();
        services.AddFunctionsWorkerCore();
        services.AddLeadScoringHttp();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public T Function<T>() where T : class => ActivatorUtilities.CreateInstance<T>(provider);

    public async Task<TestResponse> HttpAsync<TFunction>(HttpRequest request, Func<TFunction, HttpRequest, CancellationToken, Task<IResult>> invoke)
        where TFunction : class
    {
        request.HttpContext.RequestServices = provider;
        var result = await invoke(Function<TFunction>(), request, Cancellation);
        return await TestResponse.ExecuteAsync(result, request, provider);
    }

    public Task<TestResponse> CreateOfferAsync(string json = SeedOffer) =>
        HttpAsync<CreateOffer>(Requests.Json(json), async (f, r, ct) => await f.Run(r, ct));

    public async Task<string> CreateOfferIdAsync(string json = SeedOffer)
    {
        var response = await CreateOfferAsync(json);
        Assert.Equal(StatusCodes.Status201Created, response.Status);
        return response.Json().GetProperty("id").GetString()!;
    }

    public Task<TestResponse> UploadAsync(string csv = SeedCsv) =>
        HttpAsync<UploadLeads>(Requests.MultipartCsv(csv), async (f, r, ct) => await f.Run(r, ct));

    public Task<TestResponse> StartScoringAsync(string json = "{}") =>
        HttpAsync<StartScoring>(Requests.Json(json), async (f, r, ct) => await f.Run(r, ct));

    public async Task<string> StartRunAsync(string json = "{}")
    {
        var response = await StartScoringAsync(json);
        Assert.Equal(StatusCodes.Status202Accepted, response.Status);
        return response.Json().GetProperty("run_id").GetString()!;
    }

    public Task<TestResponse> GetRunAsync(string runId) =>
        HttpAsync<GetRun>(Requests.Get(), async (f, r, ct) => await f.Run(r, runId, ct));

    public Task<TestResponse> GetResultsAsync(string query = "") =>
        HttpAsync<GetResults>(Requests.Get(query), async (f, r, ct) => await f.Run(r, ct));

    public Task<TestResponse> ExportResultsAsync(string query = "") =>
        HttpAsync<ExportResults>(Requests.Get(query), async (f, r, ct) => await f.Run(r, ct));

    /// <summary>Delivers import, plan, score, training and poison messages until every queue is empty, like a running host would.</summary>
    public async Task ProcessQueuesAsync()
    {
        while (true)
        {
            var delivered = await Queues.DeliverAsync<ImportLeadsMessage>(StorageNames.ImportLeads, Function<ImportLeads>().Run, Cancellation)
                + await Queues.DeliverAsync<ImportLeadsMessage>(StorageNames.ImportLeadsPoison, Function<ImportLeadsPoison>().Run, Cancellation)
                + await Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeads, Function<PlanLeads>().Run, Cancellation)
                + await Queues.DeliverAsync<ScoreLeadMessage>(StorageNames.ScoreLeads, Function<ScoreLead>().Run, Cancellation)
                + await Queues.DeliverAsync<PlanLeadsMessage>(StorageNames.PlanLeadsPoison, Function<PlanLeadsPoison>().Run, Cancellation)
                + await Queues.DeliverAsync<ScoreLeadMessage>(StorageNames.ScoreLeadsPoison, Function<ScoreLeadsPoison>().Run, Cancellation)
                + await Queues.DeliverAsync<TrainModelMessage>(StorageNames.TrainModels, Function<TrainModel>().Run, Cancellation);
            if (delivered == 0) return;
        }
    }

    /// <summary>How many entities a table holds (to prove that a refused request stored nothing).</summary>
    public async Task<int> CountEntitiesAsync(string table)
    {
        var count = 0;
        var client = Get<Azure.Data.Tables.TableServiceClient>().GetTableClient(table);
        await foreach (var _ in client.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"], cancellationToken: Cancellation)) count++;
        return count;
    }

    public static JsonElement[] Array(TestResponse response) => response.Json().EnumerateArray().ToArray();

    public async ValueTask DisposeAsync()
    {
        await provider.GetRequiredService<RunCompletion>().StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
        await lease.DisposeAsync();
    }
}
