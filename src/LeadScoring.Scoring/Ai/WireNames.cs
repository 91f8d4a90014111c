using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// The wire spelling of the enums results carry ("ai_quota", "fallback"), from their <see cref="JsonStringEnumMemberNameAttribute"/>:
/// the one place it is written, which the JSON serializer reads too, so the API, the CSV export, run figures and logs agree.
/// </summary>
public static class WireNames
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string WireName(this FallbackReason reason) => Of(reason);

    public static string WireName(this IntentSource source) => Of(source);

    private static string Of(Enum value) => Names.GetOrAdd(value, static v =>
        v.GetType().GetField(v.ToString())?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString());
}
