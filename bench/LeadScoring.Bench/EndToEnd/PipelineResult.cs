using System.Globalization;
using LeadScoring.Bench.Gemini;
using LeadScoring.Bench.Leads;
using LeadScoring.Bench.Machine;
using LeadScoring.Bench.Storage;

namespace LeadScoring.Bench.EndToEnd;

/// <summary>Everything one end-to-end run measured, and what follows from it.</summary>
internal sealed record PipelineResult(
    PipelineOptions Options,
    GeneratedLeads File,
    RawStorageRates? Raw,
    long HostIdleRss,
    UploadReply Upload,
    PhaseMeasurement UploadPhase,
    RunStartedReply Run,
    TimeSpan PostScoreTime,
    RunStatusReply Status,
    bool ScoringTimedOut,
    PhaseMeasurement ScoringPhase,
    ResultTally Results,
    PhaseMeasurement? ResultsPhase,
    int ExportRows,
    long ExportBytes,
    PhaseMeasurement? ExportPhase,
    StandInSnapshot Gemini,
    long HostPeakRss)
{
    public const string SourceAi = "ai";
    public const string SourceFallback = "fallback";
    public const string ReasonQuota = "ai_quota";

    /// <summary>When the client sent <c>POST /score</c>, and when it saw the run done (same machine, same clock).</summary>
    public DateTimeOffset? PostedAt { get; init; }

    public DateTimeOffset? DoneSeenAt { get; init; }

    /// <summary>Storage requests the host sent while the run scored, by kind (every retry counted).</summary>
    public IReadOnlyDictionary<string, long>? StorageRequests { get; init; }

    /// <summary>Storage requests the host sent while the file uploaded (and imported), by kind.</summary>
    public IReadOnlyDictionary<string, long>? UploadStorageRequests { get; init; }

    public double? StorageRequestsPerLead => StorageRequests is null || Status.Scored + Status.Failed == 0
        ? null : (double)StorageRequests.Values.Sum() / (Status.Scored + Status.Failed);

    /// <summary>
    /// What scoring a lead itself asks of storage: its message's receive (shared) and delete on score-leads, and the
    /// writes of its result and count. Left out: the fan-out's send (one message per lead, by design), reads (mostly
    /// status polls) and the other queues' idle polls (a fixed cost of the polling interval, not of a lead).
    /// </summary>
    public double? ScoringRequestsPerLead => StorageRequests is null || Status.Scored + Status.Failed == 0
        ? null
        : (double)StorageRequests.Where(pair => pair.Key is "queue receive score-leads" or "queue delete score-leads" or "table transaction" or "table write").Sum(pair => pair.Value)
            / (Status.Scored + Status.Failed);

    /// <summary>From <c>POST /score</c> to the first result's scored_at: the run's start-up cost.</summary>
    public TimeSpan? FirstResultAfterPost => Results.FirstScoredAt - PostedAt;

    /// <summary>From the last result's scored_at to the run's completed_at, as the service stamped it.</summary>
    public TimeSpan? CompletedAfterLastResult => Status.CompletedAt - Results.LastScoredAt;

    /// <summary>From the last result's scored_at until the client saw done (polling every 100 ms).</summary>
    public TimeSpan? DoneSeenAfterLastResult => DoneSeenAt - Results.LastScoredAt;

    /// <summary>Upload, then <c>POST /score</c> until done was seen: what a team waits for its file.</summary>
    public TimeSpan EndToEnd => UploadPhase.Elapsed + ScoringPhase.Elapsed;

    public double UploadPerSecond => Upload.Inserted / UploadPhase.Elapsed.TotalSeconds;

    /// <summary>From the POST until the run reported done, as the client saw it.</summary>
    public double ScoredPerSecond => (Status.Scored + Status.Failed) / ScoringPhase.Elapsed.TotalSeconds;

    /// <summary>From the run's created_at to its completed_at, as the service recorded them.</summary>
    public TimeSpan? ServerScoringTime => Status.CompletedAt - Status.CreatedAt;

    public double ResultsPerSecond => ResultsPhase is null ? double.NaN : Results.Rows / ResultsPhase.Elapsed.TotalSeconds;

    public double ExportPerSecond => ExportPhase is null ? double.NaN : ExportRows / ExportPhase.Elapsed.TotalSeconds;

    /// <summary>Queued leads the run never accounted for: must be 0.</summary>
    public int Lost => Status.Queued - Status.Scored - Status.Failed;

    public int AiScored => Results.Count(SourceAi);

    public int QuotaFallbacks => Results.CountReason(ReasonQuota);

    /// <summary>Calls the stand-in received per lead of the file.</summary>
    public double CallsPerLead => Upload.Inserted == 0 ? 0 : (double)Gemini.Requests / Upload.Inserted;

    public double TokensPerAiLead => AiScored == 0 ? 0 : (double)Gemini.TotalTokens / AiScored;

    /// <summary>Sustained AI calls per minute over the quota (after the first minute when the run is long enough).</summary>
    public double QuotaUse => Options.QuotaPerMinute == 0 ? double.NaN
        : (double.IsNaN(Gemini.Rate.SteadyPerMinute) ? Gemini.Rate.PerMinute : Gemini.Rate.SteadyPerMinute) / Options.QuotaPerMinute;

    public double? UploadRatio => Raw is null ? null : UploadPerSecond / Raw.BatchInsert.PerSecond;

    public double? ScoringRatio => Raw?.RoundTripPerSecond is { } r && !double.IsNaN(r) && !Options.UploadOnly ? ScoredPerSecond / r : null;

    public double? ResultsRatio => Raw is null || ResultsPhase is null ? null : ResultsPerSecond / Raw.Query.PerSecond;

    public double? ExportRatio => Raw is null || ExportPhase is null ? null : ExportPerSecond / Raw.Query.PerSecond;

    /// <summary>The checks that say no lead was lost or duplicated on the way, each with what was seen.</summary>
    public IReadOnlyList<(string Check, bool Passed, string Seen)> IntegrityChecks()
    {
        var rejected = Upload.RejectedTotal ?? Upload.Rejected?.Count ?? 0;
        var listedLines = Upload.Rejected?.Select(row => row.Line).Order().ToList() ?? [];
        var expectedLines = File.RejectedLines.Take(listedLines.Count).ToList();
        var ai = AiScored;
        var fallback = Results.Count(SourceFallback);
        var checks = new List<(string, bool, string)>
        {
            ("upload stores every valid lead", Upload.Inserted == File.Leads, $"inserted {Upload.Inserted} of {File.Leads}"),
            ("upload rejects exactly the bad rows, by line", rejected == File.RejectedLines.Count && listedLines.SequenceEqual(expectedLines),
                $"rejected {rejected} of {File.RejectedLines.Count}, lines "
                + (listedLines.SequenceEqual(expectedLines) ? "match" : $"{string.Join(",", listedLines.Take(5))}, expected {string.Join(",", expectedLines.Take(5))}")),
            ("run queues every stored lead", Run.Queued == Upload.Inserted, $"queued {Run.Queued} of {Upload.Inserted}"),
        };
        if (Options.UploadOnly) return checks;
        checks.AddRange(new List<(string, bool, string)>
        {
            ("run finishes", Status.Done && !ScoringTimedOut, $"done={Status.Done}, scored {Status.Scored}, failed {Status.Failed}"),
            ("no lead lost (queued - scored - failed = 0)", Lost == 0, $"lost {Lost}"),
            ("no lead failed", Status.Failed == 0, $"failed {Status.Failed}: {string.Join("; ", Status.Failures?.Take(3).Select(f => f.Error) ?? [])}"),
            ("GET /results returns every lead once", Results.Rows == Upload.Inserted && Results.DistinctLeads == Upload.Inserted,
                $"{Results.Rows} rows, {Results.DistinctLeads} distinct, {Upload.Inserted} inserted"),
            ("GET /results is sorted by score", Results.OutOfOrder == 0, $"{Results.OutOfOrder} rows out of order"),
            ("export has every lead", ExportRows == Upload.Inserted, $"{ExportRows} rows"),
            ("every result is AI or a fallback with a reason", ai + fallback == Results.Rows && Results.FallbackReasons.Values.Sum() == fallback,
                $"ai {ai}, fallback {fallback}, with reason {Results.FallbackReasons.Values.Sum()}"),
        });
        if (Options.Ai)
        {
            checks.Add(("every quota-driven fallback met a 429", QuotaFallbacks <= Gemini.QuotaRejections,
                $"{QuotaFallbacks} ai_quota fallbacks, {Gemini.QuotaRejections} 429s"));
            checks.Add(("every AI score came from a stand-in answer", ai <= Gemini.AnsweredLeads, $"{ai} AI scores, {Gemini.AnsweredLeads} lead entries in {Gemini.Answered} answers"));
        }
        else
        {
            checks.Add(("AI off: no call reaches Gemini, every lead falls back as ai_not_configured",
                Gemini.Requests == 0 && Results.CountReason("ai_not_configured") == Results.Rows,
                $"{Gemini.Requests} calls, {Results.CountReason("ai_not_configured")} ai_not_configured"));
        }

        return checks;
    }

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"upload {UploadPerSecond:0} leads/s, POST /score {PostScoreTime.TotalMilliseconds:0} ms, scoring {ScoredPerSecond:0.0} leads/s, "
        + $"results {ResultsPerSecond:0} rows/s, export {ExportPerSecond:0} rows/s, lost {Lost}, AI calls {Gemini.Requests}, 429s {Gemini.QuotaRejections}, "
        + $"fallbacks [{string.Join(", ", Results.FallbackReasons.Select(r => $"{r.Key} {r.Value}"))}]");
}
