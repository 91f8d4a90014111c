using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Runs;

/// <summary>How runs fan out and finish (configuration section "Runs").</summary>
public sealed class RunOptions
{
    public const string SectionName = "Runs";

    /// <summary>
    /// The fan-out puts no more than this many messages on <c>score-leads</c>: it adds leads as the queue drains, so the
    /// queue stays shallow however large the run. Azurite slows down in proportion to its queue's depth; Azure does not,
    /// but there a shallow queue lets another offer's run start at once instead of behind 100,000 leads. 0 = no limit.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxQueuedLeads { get; set; } = 1_000;

    /// <summary>How long the fan-out waits at most before it looks at a full queue again (it backs off up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxFanOutWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often at most one process checks whether a run it counts leads for is complete.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CompletionCheckInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
