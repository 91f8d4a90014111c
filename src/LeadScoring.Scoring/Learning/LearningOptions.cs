using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Learning;

/// <summary>
/// When an offer's history is enough to learn from, and what a learned model must show before it is adopted
/// (configuration section <c>Learning</c>). The defaults follow Einstein Lead Scoring's spirit (it wants about 1,000
/// leads and 120 conversions) scaled to a single offer: 200 labelled leads with 30 of each outcome.
/// </summary>
public sealed class LearningOptions
{
    public const string SectionName = "Learning";

    [Range(40, 10_000_000)]
    public int MinLabelled { get; set; } = 200;

    [Range(10, 1_000_000)]
    public int MinPerOutcome { get; set; } = 30;

    /// <summary>Folds of the cross-validation that measures a model on leads it did not learn from.</summary>
    [Range(3, 10)]
    public int Folds { get; set; } = 5;

    /// <summary>How much higher than the score's the model's held-out ROC-AUC must be for it to be adopted.</summary>
    [Range(0.0, 0.5)]
    public double MinAucGain { get; set; } = 0.01;

    /// <summary>How long a change of an offer's history waits before its training: outcomes sent in batches train once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TrainingDelay { get; set; } = TimeSpan.FromSeconds(15);
}
