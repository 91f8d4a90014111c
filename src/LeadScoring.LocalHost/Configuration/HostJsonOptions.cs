namespace LeadScoring.LocalHost.Configuration;

/// <summary>The parts of host.json the local host honours, read from the same file the Functions host reads.</summary>
public sealed class HostJsonOptions
{
    public string RoutePrefix { get; set; } = "api";
    public QueueHostOptions Queues { get; set; } = new();

    public static HostJsonOptions Load(string path)
    {
        var hostJson = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        var options = new HostJsonOptions();
        var http = hostJson.GetSection("extensions:http");
        if (http["routePrefix"] is { } prefix) options.RoutePrefix = prefix;
        hostJson.GetSection("extensions:queues").Bind(options.Queues);
        return options;
    }
}
