namespace LeadScoring.Bench.Gemini;

/// <summary>What the stand-in saw: calls, answers by kind, token usage, and when each call was answered.</summary>
internal sealed class StandInCounters(TimeProvider clock)
{
    private readonly long started = clock.GetTimestamp();
    private readonly Lock gate = new();
    private readonly List<double> answeredAtSeconds = [];
    private long requests;
    private long quotaRejections;
    private long keyRejections;
    private long promptTokens;
    private long candidateTokens;

    public long Requests => Interlocked.Read(ref requests);
    public long QuotaRejections => Interlocked.Read(ref quotaRejections);
    public long KeyRejections => Interlocked.Read(ref keyRejections);
    public long PromptTokens => Interlocked.Read(ref promptTokens);
    public long CandidateTokens => Interlocked.Read(ref candidateTokens);

    public long Answered
    {
        get
        {
            lock (gate) return answeredAtSeconds.Count;
        }
    }

    public void Request() => Interlocked.Increment(ref requests);

    public void QuotaRejected() => Interlocked.Increment(ref quotaRejections);

    public void KeyRejected() => Interlocked.Increment(ref keyRejections);

    public void Answer(int prompt, int candidates)
    {
        Interlocked.Add(ref promptTokens, prompt);
        Interlocked.Add(ref candidateTokens, candidates);
        var at = clock.GetElapsedTime(started).TotalSeconds;
        lock (gate) answeredAtSeconds.Add(at);
    }

    /// <summary>Successful answers per minute between the first and the last, and the most in any 60-second window.</summary>
    public (double PerMinute, int BusiestMinute, double Seconds) Rate()
    {
        double[] times;
        lock (gate) times = [.. answeredAtSeconds];
        if (times.Length < 2) return (0, times.Length, 0);
        Array.Sort(times);
        var seconds = times[^1] - times[0];
        var busiest = 0;
        for (int first = 0, last = 0; last < times.Length; last++)
        {
            while (times[last] - times[first] >= RequestQuota.Window.TotalSeconds) first++;
            busiest = Math.Max(busiest, last - first + 1);
        }

        return (seconds > 0 ? (times.Length - 1) / seconds * 60 : 0, busiest, seconds);
    }

    public StandInSnapshot Snapshot()
    {
        var (perMinute, busiest, seconds) = Rate();
        return new StandInSnapshot(Requests, Answered, QuotaRejections, KeyRejections, PromptTokens, CandidateTokens, perMinute, busiest, seconds);
    }
}

/// <summary>The stand-in's counters at one moment.</summary>
internal sealed record StandInSnapshot(
    long Requests,
    long Answered,
    long QuotaRejections,
    long KeyRejections,
    long PromptTokens,
    long CandidateTokens,
    double AnsweredPerMinute,
    int BusiestMinute,
    double AnsweringSeconds)
{
    public long TotalTokens => PromptTokens + CandidateTokens;
}
