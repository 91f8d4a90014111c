namespace LeadScoring.Bench.Gemini;

/// <summary>
/// A requests-per-minute quota over an exact sliding window: a request is admitted when fewer than
/// <c>perMinute</c> requests were admitted in the 60 seconds before it. Rejected requests do not count, as with
/// Gemini, whose 429 answers are not billed against the quota. Thread-safe.
/// </summary>
/// <remarks>
/// Exact (one timestamp per admitted request) rather than segmented on purpose: it is the strictest reading of
/// "N per minute", so a client limiter that lets a burst through at a segment boundary shows up here as 429s.
/// </remarks>
internal sealed class RequestQuota(int perMinute, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Queue<long> admitted = new();
    private readonly Lock gate = new();

    public int PerMinute { get; } = perMinute;

    /// <summary>Admits the request, or says how long until the oldest admitted request leaves the window.</summary>
    public bool TryAdmit(out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (PerMinute <= 0) return true;

        var now = clock.GetTimestamp();
        lock (gate)
        {
            while (admitted.Count > 0 && clock.GetElapsedTime(admitted.Peek(), now) >= Window) admitted.Dequeue();
            if (admitted.Count < PerMinute)
            {
                admitted.Enqueue(now);
                return true;
            }

            retryAfter = Window - clock.GetElapsedTime(admitted.Peek(), now);
            return false;
        }
    }
}
