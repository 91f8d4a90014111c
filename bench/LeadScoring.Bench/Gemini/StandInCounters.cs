namespace LeadScoring.Bench.Gemini;

/// <summary>What the stand-in saw: calls, answers by kind, token usage, and when each call was answered.</summary>
internal sealed class StandInCounters(TimeProvider clock)
{
    private readonly long started = clock.GetTimestamp();
    private readonly Lock gate = new();
    private readonly List<double> answeredAtSeconds = [];
    private long requests;
    private long quotaRejections;
    private long dailyQuotaRejections;
    private long keyRejections;
    private long promptTokens;
    private long candidateTokens;
    private long answeredLeads;
    private int inFlight;
    private long admittedToday;
    private int mostInFlight;

    public long Requests => Interlocked.Read(ref requests);
    public long QuotaRejections => Interlocked.Read(ref quotaRejections);
    public long DailyQuotaRejections => Interlocked.Read(ref dailyQuotaRejections);
    public long KeyRejections => Interlocked.Read(ref keyRejections);
    public long PromptTokens => Interlocked.Read(ref promptTokens);
    public long CandidateTokens => Interlocked.Read(ref candidateTokens);

    /// <summary>Lead entries in the answers: a call answers each prospect of its prompt.</summary>
    public long AnsweredLeads => Interlocked.Read(ref answeredLeads);

    public long Answered
    {
        get
        {
            lock (gate) return answeredAtSeconds.Count;
        }
    }

    public bool TotalTokensPositive() => PromptTokens > 0 && CandidateTokens > 0;

    /// <summary>The most calls the stand-in held at once (admitted, waiting out their latency).</summary>
    public int MostInFlight => Volatile.Read(ref mostInFlight);

    public void Request() => Interlocked.Increment(ref requests);

    /// <summary>Admits a call under a daily quota of <paramref name="limit"/> calls, counted when admitted as Google does.</summary>
    public bool TryAdmitToday(int limit)
    {
        long admitted;
        do
        {
            admitted = Interlocked.Read(ref admittedToday);
            if (admitted >= limit) return false;
        }
        while (Interlocked.CompareExchange(ref admittedToday, admitted + 1, admitted) != admitted);
        return true;
    }

    /// <summary>A call admitted: it counts as in flight until the returned scope ends.</summary>
    public IDisposable InFlight()
    {
        var now = Interlocked.Increment(ref inFlight);
        int most;
        while (now > (most = Volatile.Read(ref mostInFlight)) && Interlocked.CompareExchange(ref mostInFlight, now, most) != most)
        {
        }

        return new Leaving(this);
    }

    private sealed class Leaving(StandInCounters counters) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref counters.inFlight);
    }

    public void QuotaRejected() => Interlocked.Increment(ref quotaRejections);

    public void DailyQuotaRejected() => Interlocked.Increment(ref dailyQuotaRejections);

    public void KeyRejected() => Interlocked.Increment(ref keyRejections);

    public void Answer(int prompt, int candidates, int leads)
    {
        Interlocked.Add(ref answeredLeads, leads);
        Interlocked.Add(ref promptTokens, prompt);
        Interlocked.Add(ref candidateTokens, candidates);
        var at = clock.GetElapsedTime(started).TotalSeconds;
        lock (gate) answeredAtSeconds.Add(at);
    }

    /// <summary>
    /// Successful answers per minute between the first and the last; the same over the whole minutes after the first
    /// (a fresh quota lets a minute's worth through at once, so only what follows shows the sustained rate; NaN when
    /// no whole minute follows); and the most answers in any 60-second window.
    /// </summary>
    public StandInRate Rate()
    {
        double[] times;
        lock (gate) times = [.. answeredAtSeconds];
        if (times.Length < 2) return new StandInRate(0, double.NaN, times.Length, 0);
        Array.Sort(times);
        var seconds = times[^1] - times[0];
        var busiest = 0;
        for (int first = 0, last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] >= RequestQuota.Window.TotalSeconds) first++;
            busiest = Math.Max(busiest, last - first + 1);
        }

        // Whole minutes only: any 60 s holds at most a quota's worth, but a shorter span can start with a full quota's worth.
        var steadyFrom = times[0] + RequestQuota.Window.TotalSeconds;
        var minutes = (int)Math.Floor((times[^1] - steadyFrom) / RequestQuota.Window.TotalSeconds);
        var steadyTo = steadyFrom + minutes * RequestQuota.Window.TotalSeconds;
        var steady = minutes >= 1 ? (double)times.Count(t => t >= steadyFrom && t < steadyTo) / minutes : double.NaN;
        return new StandInRate(seconds > 0 ? (times.Length - 1) / seconds * 60 : 0, steady, busiest, seconds);
    }

    public StandInSnapshot Snapshot() =>
        new(Requests, Answered, QuotaRejections, KeyRejections, PromptTokens, CandidateTokens, Rate()) { DailyQuotaRejections = DailyQuotaRejections, AnsweredLeads = AnsweredLeads, MostInFlight = MostInFlight };
}

/// <summary>The stand-in's counters at one moment.</summary>
internal sealed record StandInSnapshot(
    long Requests,
    long Answered,
    long QuotaRejections,
    long KeyRejections,
    long PromptTokens,
    long CandidateTokens,
    StandInRate Rate)
{
    /// <summary>Calls refused as over the daily quota: with the breaker, one (plus one per probe), not one per lead.</summary>
    public long DailyQuotaRejections { get; init; }

    public long AnsweredLeads { get; init; }

    public int MostInFlight { get; init; }

    public long TotalTokens => PromptTokens + CandidateTokens;
}

/// <summary>Answers per minute over the whole span and after the first minute, the busiest 60 s, and the span in seconds.</summary>
internal sealed record StandInRate(double PerMinute, double SteadyPerMinute, int BusiestMinute, double Seconds);
