using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Functions.Functions;
using LeadScoring.LocalHost;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Configuration;
using LeadScoring.LocalHost.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Tests.LocalHost;

/// <summary>The local host must serve exactly what the Functions SDK declares in functions.metadata.</summary>
public sealed class LocalHostCatalogTests
{
    private static readonly FunctionCatalog Catalog = FunctionCatalog.FromAssembly(typeof(Health).Assembly);

    [Fact]
    public void Local_host_serves_every_http_function_in_functions_metadata()
    {
        var app = WebApplication.CreateBuilder().Build();
        app.MapHttpFunctions(Catalog, HostJson.RoutePrefix);
        var served = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {Normalise(endpoint.RoutePattern)}"))
            .ToHashSet();

        var declared = Metadata().Where(binding => binding.Type == "httpTrigger")
            .SelectMany(binding => binding.Methods.Select(method => $"{method.ToUpperInvariant()} /{Join(HostJson.RoutePrefix, binding.Route)}"))
            .ToList();

        Assert.NotEmpty(declared);
        Assert.All(declared, route => Assert.Contains(route, served));
        Assert.Equal(declared.Count, served.Count);
    }

    [Fact]
    public void Local_host_listens_to_every_queue_trigger_in_functions_metadata()
    {
        var declared = Metadata().Where(binding => binding.Type == "queueTrigger")
            .Select(binding => $"{binding.Function}:{binding.QueueName}:{binding.Connection}")
            .Order()
            .ToList();

        var listened = Catalog.Queues.Select(queue => $"{queue.Name}:{queue.QueueName}:{queue.Connection}").Order().ToList();

        Assert.Equal(declared, listened);
    }

    [Fact]
    public void WebJobs_queue_listener_takes_its_options_from_host_json()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddLocalFunctionsHost(typeof(Health).Assembly);
        using var app = builder.Build();

        var queues = app.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;

        Assert.Equal("", HostJson.RoutePrefix);
        Assert.Equal(
            (QueueMessageEncoding.Base64, 32, 128, 5, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250)),
            (queues.MessageEncoding, queues.BatchSize, queues.NewBatchThreshold, queues.MaxDequeueCount, queues.VisibilityTimeout, queues.MaxPollingInterval));
    }

    [Fact]
    public void WebJobs_indexes_one_generated_function_per_worker_queue_and_timer_function_with_its_trigger()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.AddLocalFunctionsHost(typeof(Health).Assembly);
        using var app = builder.Build();

        var generated = app.Services.GetRequiredService<Microsoft.Azure.WebJobs.ITypeLocator>().GetTypes().Single()
            .GetMethods().Where(method => method.GetCustomAttribute<Microsoft.Azure.WebJobs.FunctionNameAttribute>() is not null)
            .Select(method => (Name: method.GetCustomAttribute<Microsoft.Azure.WebJobs.FunctionNameAttribute>()!.Name, Input: method.GetParameters()[0]))
            .Select(function => function.Input.GetCustomAttribute<Microsoft.Azure.WebJobs.QueueTriggerAttribute>() is { } queue
                ? $"{function.Name}:queue:{queue.QueueName}:{queue.Connection}"
                : $"{function.Name}:timer:{function.Input.GetCustomAttribute<Microsoft.Azure.WebJobs.TimerTriggerAttribute>()!.ScheduleExpression}")
            .Order();

        var declared = Metadata().Where(binding => binding.Type is "queueTrigger" or "timerTrigger")
            .Select(binding => binding.Type == "queueTrigger"
                ? $"{binding.Function}:queue:{binding.QueueName}:{binding.Connection}"
                : $"{binding.Function}:timer:{binding.Schedule}")
            .Order()
            .ToList();
        Assert.Contains(declared, function => function.Contains(":timer:", StringComparison.Ordinal));
        Assert.Equal(declared, generated);
    }

    private static HostJsonOptions HostJson => HostJsonOptions.Load(Path.Combine(RepositoryPaths.Root, "host.json"));

    private static string Join(string prefix, string route) => string.Join('/', new[] { prefix, route }.Where(part => part.Length > 0));

    private static string Normalise(RoutePattern pattern) => "/" + pattern.RawText!.TrimStart('/');

    private sealed record Binding(string Function, string Type, string Route, string[] Methods, string QueueName, string Connection, string Schedule);

    /// <summary>The functions.metadata the Functions SDK generated for the build under test.</summary>
    private static IEnumerable<Binding> Metadata()
    {
        var path = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "LeadScoring.Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var function in document.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                string Text(string name) => binding.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
                var methods = binding.TryGetProperty("methods", out var verbs) ? verbs.EnumerateArray().Select(verb => verb.GetString()!).ToArray() : [];
                yield return new Binding(function.GetProperty("name").GetString()!, Text("type"), Text("route"), methods, Text("queueName"), Text("connection"), Text("schedule"));
            }
        }
    }
}
