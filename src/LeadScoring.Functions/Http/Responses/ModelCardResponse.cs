using LeadScoring.Scoring.Learning;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// A training of an offer's likelihood as <c>GET /offer/{id}/model</c> shows it: on how many labelled leads, when, how
/// each candidate and the current score ranked the leads it did not learn from, what drives the model, and why it was
/// or was not adopted.
/// </summary>
public sealed record ModelCardResponse(
    string OfferId,
    string Version,
    DateTimeOffset TrainedAt,
    ModelStatus Status,
    string Verdict,
    int Labelled,
    int Converted,
    string? Trainer,
    string Validation,
    RankingMetricsResponse? Model,
    RankingMetricsResponse? Score,
    IReadOnlyList<CandidateFitResponse> Candidates,
    IReadOnlyList<string> Features,
    IReadOnlyList<DriverResponse> Drivers,
    string Fingerprint,
    RocAucGainResponse? Gain,
    double? CalibrationError,
    long SizeBytes,
    double TrainingSeconds,
    double BaseRate)
{
    public static ModelCardResponse From(ModelCard card) => new(
        card.OfferId, card.Version, card.TrainedAt, card.Status, card.Verdict, card.Labelled, card.Converted, card.Trainer, card.Validation,
        RankingMetricsResponse.From(card.Model), RankingMetricsResponse.From(card.Score),
        [.. card.Candidates.Select(CandidateFitResponse.From)],
        card.Features,
        [.. card.Drivers.Select(DriverResponse.From)],
        card.Fingerprint,
        card.Gain is { } gain ? RocAucGainResponse.From(gain) : null,
        card.CalibrationError, card.SizeBytes, card.TrainingSeconds, card.BaseRate);
}
