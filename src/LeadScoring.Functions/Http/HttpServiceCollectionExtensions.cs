using System.Diagnostics;
using System.Text.Json;
using Azure.Core.Serialization;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Functions.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>The wire formats for both hosts: queue payloads bound from the queue JSON contract, and over HTTP snake_case JSON from the source-generated context, and problem details with a traceId.</summary>
    public static IServiceCollection AddLeadScoringHttp(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // Queue trigger payloads are bound with the worker's serializer: it reads them with the options that wrote them.
        services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(QueueJson.Options));
        services.AddSingleton(HttpRouteTable.FromAssembly(typeof(HttpRouteTable).Assembly));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // The default writer names it by the JSON naming policy ("trace_id"); our contract says "traceId", as RFC 9457 examples do.
            context.ProblemDetails.Extensions.Remove("trace_id");
            context.ProblemDetails.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        return services;
    }

    /// <summary>Applies the wire format to serializer options (also for a host that serializes outside ASP.NET Core).</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.TypeInfoResolverChain.Insert(0, LeadScoringJsonContext.Default);
    }
}
