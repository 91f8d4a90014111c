namespace LeadScoring.Scoring.Storage;

/// <summary>
/// How hard a storage call tries. Background work (queue functions) keeps the SDK's full retry budget, since a
/// failed message costs a redelivery. A caller waiting on an HTTP answer gets one quick retry and a short attempt
/// timeout instead, so an outage answers 503 within a couple of seconds rather than after a minute of retries.
/// The HTTP edge of each host opens <see cref="ForHttpRequest"/> around a request; the scope flows with the
/// request's async calls (an AsyncLocal, not shared state) and ends with it.
/// </summary>
public static class StorageCallBudget
{
    private static readonly AsyncLocal<bool> Interactive = new();

    /// <summary>Retries after the first attempt while an HTTP caller waits.</summary>
    public const int InteractiveRetries = 1;

    /// <summary>
    /// Longest single attempt while an HTTP caller waits (the SDK's default is 100 s). An unreachable account
    /// refuses at once; this bounds one that does not answer, and is long enough for a busy Azurite.
    /// </summary>
    public static readonly TimeSpan InteractiveAttemptTimeout = TimeSpan.FromSeconds(20);

    public static bool IsInteractive => Interactive.Value;

    public static Scope ForHttpRequest()
    {
        var previous = Interactive.Value;
        Interactive.Value = true;
        return new Scope(previous);
    }

    public readonly struct Scope(bool previous) : IDisposable
    {
        public void Dispose() => Interactive.Value = previous;
    }
}
