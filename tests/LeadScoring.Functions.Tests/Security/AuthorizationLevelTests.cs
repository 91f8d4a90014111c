using System.Reflection;
using System.Text.Json;
using LeadScoring.Functions.Functions;
using LeadScoring.LocalHost.Configuration;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// What Azure enforces is the authLevel in the generated functions.metadata, not the attribute in the source:
/// every HTTP function there needs a function key, except health (and a dashboard's static files, if one is added).
/// </summary>
public sealed class AuthorizationLevelTests
{
    // The dashboard's static files (and the / redirect to them) are public; every API call the page makes needs the key.
    // UnmatchedRoute answers 404/405 for what no other function takes, and holds no data.
    private static readonly HashSet<string> Anonymous = ["Health", "Dashboard", "DashboardRoot", "UnmatchedRoute"];

    [Fact]
    public void Every_http_function_in_functions_metadata_requires_a_function_key_except_health()
    {
        var httpTriggers = HttpTriggersInMetadata();

        Assert.Contains(httpTriggers, trigger => trigger.Function == nameof(Health));
        Assert.All(httpTriggers, trigger => Assert.Equal(Anonymous.Contains(trigger.Function) ? "Anonymous" : "Function", trigger.AuthLevel));
    }

    [Fact]
    public void Every_http_trigger_attribute_in_the_functions_assembly_requires_a_function_key_except_health()
    {
        var triggers = typeof(Health).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(method => method.GetParameters()
                .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
                .OfType<HttpTriggerAttribute>()
                .Select(trigger => (Function: method.GetCustomAttribute<FunctionAttribute>()!.Name, trigger.AuthLevel)))
            .ToList();

        Assert.Equal(HttpTriggersInMetadata().Count, triggers.Count);
        Assert.All(triggers, trigger => Assert.Equal(Anonymous.Contains(trigger.Function) ? AuthorizationLevel.Anonymous : AuthorizationLevel.Function, trigger.AuthLevel));
    }

    private static List<(string Function, string AuthLevel)> HttpTriggersInMetadata()
    {
        var path = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "LeadScoring.Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray()
                .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => (function.GetProperty("name").GetString()!, binding.GetProperty("authLevel").GetString()!)))
            .ToList();
    }
}
