using LeadScoring.Scoring.Learning;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// <c>GET /offer/{id}/model</c>: <see cref="InUse"/> is the card of the model whose likelihood new scores carry (null
/// until one is adopted); <see cref="LatestTraining"/> the card of the latest training, whatever it decided (null
/// until the offer has outcomes).
/// </summary>
public sealed record ModelResponse(string OfferId, ModelCard? InUse, ModelCard? LatestTraining);
