using System.Text.Json;

namespace LeadScoring.Scoring.Storage;

/// <summary>The serializer options queue messages are written with; a host binds trigger payloads with the same.</summary>
public static class QueueJson
{
    public static JsonSerializerOptions Options => StorageJsonContext.Default.Options;
}
