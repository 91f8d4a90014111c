using System.Reflection;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.LocalHost.Azurite;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Configuration;
using LeadScoring.LocalHost.Diagnostics;
using LeadScoring.LocalHost.Http;
using LeadScoring.LocalHost.Triggers;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Configuration.Memory;

namespace LeadScoring.LocalHost;

/// <summary>
/// Hosts the function classes of an assembly without the Functions host: HTTP triggers on Kestrel,
/// queue and timer triggers on the WebJobs SDK listener and timers the Functions host runs, all configured from the same host.json and local.settings.json.
/// </summary>
public static class LocalFunctionsHostExtensions
{
    /// <summary>The Functions host's default request body limit (100 MB), so both hosts refuse the same uploads.</summary>
    public const long MaxRequestBodySize = 100L * 1024 * 1024;

    public static WebApplicationBuilder AddLocalFunctionsHost(this WebApplicationBuilder builder, Assembly functions)
    {
        var hostJsonPath = Path.Combine(AppContext.BaseDirectory, "host.json");
        // host.json, then local.settings.json, then everything else (environment, command line), as with Core Tools.
        var localSettings = new ConfigurationBuilder().AddLocalSettings(RepositoryPaths.LocalSettings).Build();
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        sources.Insert(0, new MemoryConfigurationSource { InitialData = localSettings.AsEnumerable().Where(setting => setting.Value is not null) });
        sources.Insert(0, new MemoryConfigurationSource { InitialData = HostJsonOptions.AsJobHostSettings(hostJsonPath) });

        var catalog = FunctionCatalog.FromAssembly(functions);
        builder.Services.AddSingleton(HostJsonOptions.Load(hostJsonPath));
        builder.Services.AddSingleton(catalog);
        // Registered before the WebJobs host so Azurite is listening before anything polls it.
        builder.Services.AddHostedService<DevelopmentStorage>();
        builder.AddTriggers(catalog);
        builder.Services.AddMvcCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:7071");
        }

        return builder;
    }

    public static WebApplication MapLocalFunctions(this WebApplication app)
    {
        // The same answers as ProblemDetailsMiddleware in the worker: 503 + Retry-After when storage is away, else 500.
        app.UseExceptionHandler(handler => handler.Run(context =>
            HttpProblems.ForException(context.Features.Get<IExceptionHandlerFeature>()!.Error).ExecuteAsync(context)));
        // HTTP callers get the short storage retry budget, as ProblemDetailsMiddleware gives them in the worker.
        app.Use(async (context, next) =>
        {
            using var budget = StorageCallBudget.ForHttpRequest();
            await next(context);
        });
        app.MapHttpFunctions(app.Services.GetRequiredService<FunctionCatalog>(), app.Services.GetRequiredService<HostJsonOptions>().RoutePrefix);
        app.MapGet(StorageRequestCounter.Path, (StorageRequestCounter counter) => Results.Json(counter.Snapshot()));
        return app;
    }
}
