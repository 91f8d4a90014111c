using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// The AI half's breaker, one per process. A fault that every call would hit alike, a configuration Gemini refuses or a
/// spent daily quota, opens it: no call is made, each lead gets its answer at once (fallback, or wait), and after
/// <see cref="GeminiOptions.BreakerProbeSeconds"/> (or the quota's reset, if sooner) one call probes. A success closes it.
/// </summary>
public sealed class AiBreaker(IOptions<GeminiOptions> options, TimeProvider clock, ILogger<AiBreaker> logger)
{
    private readonly TimeSpan probeInterval = TimeSpan.FromSeconds(options.Value.BreakerProbeSeconds);
    private volatile AiOutage? current;
    private int probing;

    /// <summary>How long an open breaker waits before it probes.</summary>
    public TimeSpan ProbeInterval => probeInterval;

    /// <summary>What is wrong with the AI right now, for /health and the run status; null while it works.</summary>
    public AiOutage? Current => current;

    /// <summary>True while open and not yet due for a probe: the caller must not call.</summary>
    public bool IsBlocking([NotNullWhen(true)] out AiOutage? outage)
    {
        outage = current;
        return outage is not null && (clock.GetUtcNow() < outage.ProbeAt || Volatile.Read(ref probing) == 1);
    }

    /// <summary>Whether a call may go now: closed, or open and due for its probe, which only one caller gets.</summary>
    internal bool TryPass(out AiOutage? outage)
    {
        outage = current;
        if (outage is null) return true;
        if (clock.GetUtcNow() < outage.ProbeAt) return false;
        if (Interlocked.CompareExchange(ref probing, 1, 0) != 0) return false;
        outage = null;
        return true;
    }

    /// <summary>A call succeeded: the AI works (again).</summary>
    internal void Close()
    {
        var was = Interlocked.Exchange(ref current, null);
        Volatile.Write(ref probing, 0);
        if (was is not null) logger.AiRecovered(was.Kind.ToString(), (long)(clock.GetUtcNow() - was.Since).TotalSeconds);
    }

    /// <summary>A call failed for a reason of its own (timeout, 5xx): a probe may go again.</summary>
    internal void CallFailed() => Volatile.Write(ref probing, 0);

    internal AiOutage OpenForDailyQuota(string model, string quotaId)
    {
        var now = clock.GetUtcNow();
        var resetsAt = QuotaReset.After(now);
        var outage = new AiOutage(
            AiOutageKind.QuotaSpent,
            $"Gemini's daily quota for {model} is spent ({quotaId}); it resets at {resetsAt:yyyy-MM-dd HH:mm} UTC.",
            current?.Since ?? now,
            Min(resetsAt, now + probeInterval),
            resetsAt);
        Open(outage, first => logger.DailyQuotaSpent(model, quotaId, resetsAt, outage.ProbeAt, first));
        return outage;
    }

    internal AiOutage OpenForMisconfiguration(string model, string detail, int status, string? apiStatus, string? reason)
    {
        var now = clock.GetUtcNow();
        var outage = new AiOutage(AiOutageKind.Misconfigured, detail, current?.Since ?? now, now + probeInterval, null);
        Open(outage, first => logger.AiMisconfigured(status, apiStatus ?? "none", reason ?? "none", model, outage.ProbeAt, first));
        return outage;
    }

    private void Open(AiOutage outage, Action<bool> log)
    {
        var was = Interlocked.Exchange(ref current, outage);
        Volatile.Write(ref probing, 0);
        // Once per outage, and again when a probe finds it unchanged: never once per lead.
        log(was is null || was.Kind != outage.Kind);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}

public enum AiOutageKind { QuotaSpent, Misconfigured }

/// <summary>Why the breaker is open, since when, when it next probes and, for a quota, when Google resets it.</summary>
public sealed record AiOutage(AiOutageKind Kind, string Detail, DateTimeOffset Since, DateTimeOffset ProbeAt, DateTimeOffset? QuotaResetsAt);

/// <summary>Gemini's daily quotas reset at midnight Pacific time (ai.google.dev/gemini-api/docs/rate-limits).</summary>
public static class QuotaReset
{
    private static readonly TimeZoneInfo Pacific = FindPacific();

    public static DateTimeOffset After(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            // A machine without time-zone data: standard time all year, so a reset is at most an hour late in summer.
            return TimeZoneInfo.CreateCustomTimeZone("Pacific", TimeSpan.FromHours(-8), "Pacific", "Pacific");
        }
    }
}
