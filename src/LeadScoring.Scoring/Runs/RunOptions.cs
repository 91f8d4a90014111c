using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Runs;

/// <summary>How runs fan out and finish (configuration section "Runs").</summary>
public sealed class RunOptions
{
    public const string SectionName = "Runs";

    /// <summary>
    /// A fan-out chunk waits while <c>score-leads</c> holds more messages than this, so the queue stays shallow however
    /// large the run (Azurite slows down in proportion to its depth; Azure does not, but a shallow queue lets a rescore
    /// or another offer's run start at once). 0 turns the limit off.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxQueuedLeads { get; set; } = 2_000;

    /// <summary>How long a chunk waits at most before it looks at the queue again (it backs off exponentially up to this).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxFanOutWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often at most one process checks whether a run it counts leads for is complete.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CompletionCheckInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
