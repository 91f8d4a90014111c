using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// Our side of Gemini's quota, shared by every call in this process: at most
/// <see cref="GeminiOptions.RequestsPerMinute"/> requests in any sliding minute and
/// <see cref="GeminiOptions.MaxConcurrency"/> in flight. Both queue, so a burst of queue messages
/// waits for a permit instead of spending requests on 429s. Each HTTP attempt, retries included,
/// takes a permit, because Gemini counts every request.
/// </summary>
internal sealed class GeminiRateLimiter : IDisposable
{
    // Enough for any burst a host can hold in memory; beyond it a call is rejected (ai_quota) at once.
    private const int QueueLimit = 100_000;

    private readonly SlidingWindowRateLimiter perMinute;
    private readonly ConcurrencyLimiter concurrency;

    public GeminiRateLimiter(IOptions<GeminiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        perMinute = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.RequestsPerMinute,
            // Two seconds over the minute, in one-second segments: a permit comes back no sooner than 61 s after it was
            // taken (a segment hands its permits back when the window slides past its end, up to a segment early).
            // Gemini counts a request when it arrives and we when it leaves, and with several calls in flight two
            // requests a minute apart here can arrive less than a minute apart there (a 429).
            Window = TimeSpan.FromSeconds(62),
            SegmentsPerWindow = 62,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrency,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });

        // Quota first, then a slot: a call never holds one of the few slots while it waits out the minute.
        Limiter = RateLimiter.CreateChained(perMinute, concurrency);
    }

    public RateLimiter Limiter { get; }

    /// <summary>The requests-per-minute permits alone: a call waits for its first one before its time bound starts.</summary>
    public RateLimiter PerMinute => perMinute;

    /// <summary>The in-flight slots alone: for an attempt whose per-minute permit was taken before.</summary>
    public RateLimiter Concurrency => concurrency;

    /// <summary>Calls queued for a requests-per-minute permit right now.</summary>
    public long QueuedForQuota => perMinute.GetStatistics()?.CurrentQueuedCount ?? 0;

    public void Dispose()
    {
        Limiter.Dispose();
        perMinute.Dispose();
        concurrency.Dispose();
    }
}
