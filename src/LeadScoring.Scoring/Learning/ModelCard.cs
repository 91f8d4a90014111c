using System.Text.Json.Serialization;
using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Learning;

/// <summary>
/// What a training of an offer's likelihood found, adopted or not: on how many labelled leads, when, how each
/// candidate and the current score ranked the leads it did not learn from, and why the model was or was not adopted.
/// An adopted card describes the model the offer's new scores carry (<see cref="Version"/>).
/// </summary>
public sealed record ModelCard(
    string OfferId,
    string Version,
    DateTimeOffset TrainedAt,
    ModelStatus Status,
    string Verdict,
    int Labelled,
    int Converted,
    string? Trainer,
    string Validation,
    RankingMetrics? Model,
    RankingMetrics? Score,
    IReadOnlyList<CandidateFit> Candidates,
    IReadOnlyList<string> Features,
    IReadOnlyList<Driver> Drivers,
    string Fingerprint)
{
    /// <summary>How much higher the model's held-out ROC-AUC is than the score's, with its paired 95% interval.</summary>
    public RocAucGain? Gain { get; init; }

    /// <summary>
    /// How far the chosen candidate's held-out likelihoods are from the conversion rates they predict: the size-weighted
    /// mean gap over ten bands of likelihood (0.02 means two points off on average).
    /// </summary>
    public double? CalibrationError { get; init; }

    /// <summary>The model file's size in bytes; 0 when none was kept.</summary>
    public long SizeBytes { get; init; }

    public double TrainingSeconds { get; init; }

    /// <summary>The share of labelled leads that converted.</summary>
    public double BaseRate => Labelled == 0 ? 0 : (double)Converted / Labelled;
}

/// <summary>A difference of two ROC-AUCs over the same leads and its 95% interval.</summary>
public sealed record RocAucGain(double Difference, double Low, double High);

/// <summary>A trainer tried, and the held-out ROC-AUC and PR-AUC of its out-of-fold likelihoods.</summary>
public sealed record CandidateFit(string Trainer, double RocAuc, double PrAuc);

[JsonConverter(typeof(JsonStringEnumConverter<ModelStatus>))]
public enum ModelStatus
{
    /// <summary>Too few labelled leads to learn from: nothing was trained.</summary>
    [JsonStringEnumMemberName("waiting")]
    Waiting,

    /// <summary>Trained and measured, but it did not beat the current score on held-out leads: not used.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,

    /// <summary>Trained, measured ahead of the current score, and now applied to the offer's scores.</summary>
    [JsonStringEnumMemberName("adopted")]
    Adopted,
}
