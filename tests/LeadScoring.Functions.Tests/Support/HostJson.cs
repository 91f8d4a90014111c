using System.Text.Json;
using LeadScoring.Azurite;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>The repo's host.json queue settings, read the way both hosts read them.</summary>
internal sealed record HostJson(string MessageEncoding, int MaxDequeueCount)
{
    public static HostJson Load()
    {
        var path = Path.Combine(AzuriteProcess.FindRepositoryRoot(), "host.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var queues = document.RootElement.GetProperty("extensions").GetProperty("queues");
        return new HostJson(queues.GetProperty("messageEncoding").GetString()!, queues.GetProperty("maxDequeueCount").GetInt32());
    }
}
