using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Runs;

/// <summary>
/// When the sweeper sends a stalled run's or import's messages again (configuration section "Sweep"). A message the
/// listener received stays invisible for its receive visibility (10 minutes) when the instance that held it dies or
/// loses storage; nothing else moves it, so the sweeper does.
/// </summary>
public sealed class SweepOptions
{
    public const string SectionName = "Sweep";

    /// <summary>A run that counted no lead for this long, or an import that stored no part, is stalled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often one lead (or one import step) is sent again. A lead that still stalls its run after that (and after
    /// <see cref="GiveUpAfter"/>) is counted as failed, so a message that takes its instance down with it cannot hold a
    /// run open for ever.
    /// </summary>
    [Range(1, 100)]
    public int MaxRedrives { get; set; } = 3;

    /// <summary>
    /// How long after it was first sent again a lead (or import step) past <see cref="MaxRedrives"/> is given up: the
    /// queue listener's receive visibility, after which its first message must have come back if it ever will.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(10);
}
