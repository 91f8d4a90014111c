using LeadScoring.Functions.Http.Problems;
using LeadScoring.Functions.Http.Responses;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>
/// The offer's model card: the model in use (if one was adopted) and the latest training, which may have refused a
/// newer model or found too few outcomes.
/// </summary>
public sealed class GetModel(OfferTable offers, ModelStore models)
{
    [Function(nameof(GetModel))]
    public async Task<Results<Ok<ModelResponse>, ProblemHttpResult>> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "offer/{id}/model")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!TableKey.IsValidId(id)) return HttpProblems.InvalidId("id", id);
        if (await offers.GetAsync(id, cancellationToken) is null) return OfferProblems.NotFound(id);
        var current = await models.GetCurrentCardAsync(id, cancellationToken);
        var latest = await models.GetLatestCardAsync(id, cancellationToken);
        return TypedResults.Ok(ModelResponse.From(id, current, latest));
    }
}
