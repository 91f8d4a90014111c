using System.Text.Json;

namespace LeadScoring.LocalHost.Configuration;

/// <summary>
/// Reads <c>local.settings.json</c> "Values" the way Core Tools does (keys with "__" become sections),
/// so one settings file serves both `func start` and this host.
/// </summary>
public static class LocalSettings
{
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder configuration, string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // Core Tools' default for a fresh clone; the local host starts Azurite for it.
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        };
        if (File.Exists(path))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.TryGetProperty("Values", out var settings))
            {
                foreach (var setting in settings.EnumerateObject())
                {
                    values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ToString();
                }
            }
        }

        return configuration.AddInMemoryCollection(values);
    }
}
