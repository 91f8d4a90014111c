using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadScoring.LocalHost.Diagnostics;

/// <summary>
/// Counts the storage requests this host sends, by kind ("queue delete score-leads", "table transaction"...), every retry
/// included: on every client the Azure client factory makes (<see cref="PolicyFor"/>), so the WebJobs listener's
/// receives and deletes count as well as the app's own writes. The benchmark reads the counts at <see cref="Path"/> to
/// report requests per scored lead; in Azure, Application Insights' dependency tracking counts the same.
/// </summary>
internal sealed class StorageRequestCounter
{
    /// <summary>Where the local host answers with the counts so far (JSON: kind → requests).</summary>
    public const string Path = "/_localhost/storage-requests";

    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    /// <summary>The policy for the clients of one storage service: "queue", "table" or "blob".</summary>
    public HttpPipelinePolicy PolicyFor(string service) => new Counting(this, service);

    /// <summary>What a request does, from its service, method and path.</summary>
    internal static string KindOf(string service, Request request)
    {
        var (method, path) = (request.Method.Method, request.Uri.Path);
        return service switch
        {
            "queue" when path.Contains("/messages", StringComparison.Ordinal) => (method switch
            {
                "GET" when request.Uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "queue peek",
                "GET" => "queue receive",
                "POST" => "queue send",
                "DELETE" => "queue delete",
                "PUT" => "queue update",
                _ => "queue other",
            }) + " " + QueueOf(path),
            "table" when path.EndsWith("$batch", StringComparison.Ordinal) => "table transaction",
            "table" => method == "GET" ? "table read" : "table write",
            _ => service + " " + method.ToLowerInvariant(),
        };
    }

    // ".../{queue}/messages[/{id}]": the segment before "messages" (Azurite's paths start with the account).
    private static string QueueOf(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var messages = Array.LastIndexOf(segments, "messages");
        return messages > 0 ? segments[messages - 1] : "?";
    }

    private sealed class Counting(StorageRequestCounter counter, string service) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message.Request);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Count(message.Request);
            return ProcessNextAsync(message, pipeline);
        }

        private void Count(Request request) => counter.counts.AddOrUpdate(KindOf(service, request), 1, (_, count) => count + 1);
    }
}
