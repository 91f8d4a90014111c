using LeadScoring.Scoring.Learning;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// <c>GET /offer/{id}/model</c>: <see cref="InUse"/> is the card of the model whose likelihood new scores carry (null
/// until one is adopted); <see cref="LatestTraining"/> the card of the latest training, whatever it decided (null
/// until the offer has outcomes).
/// </summary>
public sealed record ModelResponse(string OfferId, ModelCardResponse? InUse, ModelCardResponse? LatestTraining)
{
    public static ModelResponse From(string offerId, ModelCard? inUse, ModelCard? latestTraining) => new(
        offerId, inUse is null ? null : ModelCardResponse.From(inUse), latestTraining is null ? null : ModelCardResponse.From(latestTraining));
}
