using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// What a run's AI half did and spent: calls made, leads judged by the model (some remembered from an earlier
/// judgement of the same content), tokens billed, fallbacks by reason, and an estimate of the cost from
/// <c>Gemini:InputPricePerMillionTokens</c> and <c>Gemini:OutputPricePerMillionTokens</c>.
/// </summary>
public sealed record RunAiFigures(
    int Calls,
    int LeadsJudged,
    int LeadsFromCache,
    long PromptTokens,
    long AnswerTokens,
    long ThoughtTokens,
    IReadOnlyDictionary<string, int> FallbacksByReason,
    decimal? EstimatedCostUsd = null,
    DateTimeOffset? WaitingForQuotaUntil = null)
{
    public static RunAiFigures None { get; } = new(0, 0, 0, 0, 0, 0, new Dictionary<string, int>());

    /// <summary>Leads the model judged per call made (remembered ones cost no call and are not counted).</summary>
    public double LeadsPerCall => Calls == 0 ? 0 : Math.Round((double)(LeadsJudged - LeadsFromCache) / Calls, 2);

    public int Fallbacks => FallbacksByReason.Values.Sum();

    /// <summary>
    /// The counters one scored lead adds to its run, by name (the storage columns); zeros are left out, so a lead
    /// scored with the AI off adds only its fallback reason.
    /// </summary>
    public static IReadOnlyList<(string Name, long Value)> CountersOf(LeadScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var usage = score.AiUsage;
        (string Name, long Value)[] all =
        [
            (nameof(Calls), usage.Calls),
            (nameof(PromptTokens), usage.PromptTokens),
            (nameof(AnswerTokens), usage.AnswerTokens),
            (nameof(ThoughtTokens), usage.ThoughtTokens),
            (nameof(LeadsJudged), score.Breakdown.AiSource == IntentSource.Ai ? 1 : 0),
            (nameof(LeadsFromCache), usage.FromCache ? 1 : 0),
        ];
        var counters = all.Where(c => c.Value != 0).ToList();
        if (score.Breakdown.FallbackReason is { } reason) counters.Add((FallbackCounter(reason), 1));
        return counters;
    }

    /// <summary>Every counter name, for reading them back.</summary>
    public static IReadOnlyList<string> CounterNames { get; } =
        [.. new[] { nameof(Calls), nameof(LeadsJudged), nameof(LeadsFromCache), nameof(PromptTokens), nameof(AnswerTokens), nameof(ThoughtTokens) }
            .Concat(Enum.GetValues<FallbackReason>().Select(FallbackCounter))];

    public static RunAiFigures FromCounters(IReadOnlyDictionary<string, long> counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        long Get(string name) => counters.TryGetValue(name, out var value) ? value : 0;
        return new RunAiFigures(
            (int)Get(nameof(Calls)),
            (int)Get(nameof(LeadsJudged)),
            (int)Get(nameof(LeadsFromCache)),
            Get(nameof(PromptTokens)),
            Get(nameof(AnswerTokens)),
            Get(nameof(ThoughtTokens)),
            Enum.GetValues<FallbackReason>()
                .Where(reason => Get(FallbackCounter(reason)) > 0)
                .ToDictionary(reason => reason.WireName(), reason => (int)Get(FallbackCounter(reason))));
    }

    /// <summary>The same figures with the cost at these prices (dollars per million tokens; thinking is billed as output).</summary>
    public RunAiFigures Priced(decimal inputPerMillion, decimal outputPerMillion) => this with
    {
        EstimatedCostUsd = Math.Round((PromptTokens * inputPerMillion + (AnswerTokens + ThoughtTokens) * outputPerMillion) / 1_000_000m, 6),
    };

    private static string FallbackCounter(FallbackReason reason) => "Fallback" + reason;
}
