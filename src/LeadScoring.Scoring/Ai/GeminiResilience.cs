using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// The Gemini HttpClient's resilience pipeline, outermost first: the call's first requests-per-minute permit (waited
/// for up to <see cref="GeminiOptions.MaxQuotaWaitSeconds"/>) → total timeout → retry → rate limiter (a retry's
/// per-minute permit, then a slot in flight) → attempt timeout.
/// </summary>
/// <remarks>
/// Gemini's troubleshooting guide asks REST callers to retry 429 and 5xx with exponential back-off;
/// a 429 body also says how long to wait (RetryInfo.retryDelay), which we honour instead. The wait for the first
/// permit stands outside <see cref="GeminiOptions.TotalTimeoutSeconds"/>: at a small quota with many scorings in
/// flight a call queues for a minute or more, and counting that against its own time would fall it back the moment
/// it could go. A call that waits longer than its quota bound, or whose retries wait past the total bound, is
/// rejected as a quota fault, not as a timeout.
/// </remarks>
internal static class GeminiResilience
{
    public static void Configure(
        ResiliencePipelineBuilder<HttpResponseMessage> builder, GeminiOptions options, GeminiRateLimiter limiter, ILogger logger)
    {
        var total = TimeSpan.FromSeconds(options.TotalTimeoutSeconds);
        var quotaWait = TimeSpan.FromSeconds(options.MaxQuotaWaitSeconds);
        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => AcquireFirstPermitAsync(limiter, quotaWait, args.Context),
        });
        builder.AddTimeout(total);

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = total,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, total, args.Context.CancellationToken),
                DelayGenerator = args => RetryDelayAsync(args.Outcome, args.Context.CancellationToken),
                OnRetry = args =>
                {
                    logger.GeminiRetry(args.AttemptNumber + 1, Describe(args.Outcome), (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => AcquireAttemptPermitAsync(limiter, args.Context),
        });

        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }

    /// <summary>Transient: network faults, attempt timeouts, 408, 5xx, and a per-minute 429 whose wait fits the total bound.</summary>
    internal static async ValueTask<bool> ShouldRetryAsync(
        Outcome<HttpResponseMessage> outcome, TimeSpan total, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // A spent daily quota still names a wait of seconds: retrying it only spends time. Nor can a wait longer
            // than the whole bound succeed in time: fall back now.
            var error = await GeminiError.ReadAsync(response, cancellationToken);
            return !error.IsDailyQuota && (error.RetryDelay is not { } delay || delay < total);
        }

        return response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500;
    }

    /// <summary>RetryInfo.retryDelay for a 429; null keeps the exponential back-off with jitter.</summary>
    internal static async ValueTask<TimeSpan?> RetryDelayAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return null;
        }

        return (await GeminiError.ReadAsync(response, cancellationToken)).RetryDelay;
    }

    // Set on a call's context once its first per-minute permit is taken, and cleared by the attempt that uses it.
    private static readonly ResiliencePropertyKey<StrongBox<bool>> FirstPermitTaken = new("LeadScoring.Gemini.FirstPermitTaken");

    private static async ValueTask<RateLimitLease> AcquireFirstPermitAsync(GeminiRateLimiter limiter, TimeSpan quotaWait, ResilienceContext context)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        bound.CancelAfter(quotaWait);
        var lease = await AcquireAsync(limiter.PerMinute, bound.Token);
        if (lease.IsAcquired) context.Properties.Set(FirstPermitTaken, new StrongBox<bool>(true));
        return lease;
    }

    // The first attempt takes only a slot (its per-minute permit was taken before); a retry takes both, inside the total bound.
    private static ValueTask<RateLimitLease> AcquireAttemptPermitAsync(GeminiRateLimiter limiter, ResilienceContext context)
    {
        if (context.Properties.TryGetValue(FirstPermitTaken, out var taken) && taken.Value)
        {
            taken.Value = false;
            return AcquireAsync(limiter.Concurrency, context.CancellationToken);
        }

        return AcquireAsync(limiter.Limiter, context.CancellationToken);
    }

    // Queued for a permit until one frees up or the token ends: a bound (then it is a quota fault, surfaced by Polly
    // as RateLimiterRejectedException) or the caller's cancellation.
    private static async ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        try
        {
            return await limiter.AcquireAsync(1, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return QuotaWaitEnded.Lease;
        }
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? exception.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";

    private sealed class QuotaWaitEnded : RateLimitLease
    {
        public static readonly QuotaWaitEnded Lease = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
