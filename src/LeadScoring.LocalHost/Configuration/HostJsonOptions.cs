namespace LeadScoring.LocalHost.Configuration;

/// <summary>host.json, read from the same file the Functions host reads.</summary>
public sealed class HostJsonOptions
{
    /// <summary>The configuration section the Functions host maps host.json under (and WebJobs reads it from).</summary>
    public const string JobHostSection = "AzureFunctionsJobHost";

    public string RoutePrefix { get; set; } = "api";

    public static HostJsonOptions Load(string path)
    {
        var options = new HostJsonOptions();
        if (ReadFile(path)["extensions:http:routePrefix"] is { } prefix) options.RoutePrefix = prefix;
        return options;
    }

    /// <summary>
    /// host.json as the Functions host exposes it to the WebJobs SDK: every key under <see cref="JobHostSection"/>,
    /// and <c>AzureWebJobsConfigurationSection</c> naming that section, so <c>extensions:queues</c> configures
    /// the SDK's queue listener and app settings such as <c>AzureFunctionsJobHost__extensions__queues__batchSize</c>
    /// override it, as in Azure.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string?>> AsJobHostSettings(string path) =>
        ReadFile(path).AsEnumerable()
            .Where(setting => setting.Value is not null)
            .Select(setting => KeyValuePair.Create($"{JobHostSection}:{setting.Key}", setting.Value))
            .Append(KeyValuePair.Create("AzureWebJobsConfigurationSection", (string?)JobHostSection));

    private static IConfigurationRoot ReadFile(string path) => new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
}
