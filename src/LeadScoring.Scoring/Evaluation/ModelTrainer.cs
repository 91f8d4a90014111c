using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Evaluation;

/// <summary>
/// Handles one <c>train-models</c> message: trains the offer's likelihood on its history as it is now and stores what
/// the training decided (<see cref="ModelStore"/>). One training per offer at a time (a blob lease; a message that
/// finds it taken comes back later). A message is skipped when a training that started after it was asked for has
/// already run, or when the history is the very one the latest training saw: a step delivered twice trains once.
/// </summary>
public sealed class ModelTrainer(
    OfferHistory history, LikelihoodTrainer trainer, ModelStore models, TrainQueue queue, OfferTable offers, TimeProvider clock, ILogger<ModelTrainer> logger)
{
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(30);

    // Instances' clocks differ: a training counts as having seen a change only when it started this much after it.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    // Training is seconds of CPU: one at a time per process, so a burst of offers does not starve scoring.
    private readonly SemaphoreSlim training = new(1, 1);

    public async Task TrainAsync(TrainModelMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!TableKey.IsValidId(message.OfferId) || await offers.GetAsync(message.OfferId, cancellationToken) is null) return;
        await using var lease = await models.TryLeaseAsync(message.OfferId, cancellationToken);
        if (lease is null)
        {
            // Another instance is training this offer: try again once it is likely done (it may then find nothing new).
            await queue.SendAsync(message, Busy, cancellationToken);
            return;
        }

        var latest = await models.GetLatestCardAsync(message.OfferId, cancellationToken);
        if (latest is not null && latest.TrainedAt >= message.RequestedAt + ClockSkew)
        {
            logger.TrainingNotNeeded(message.OfferId, latest.Version);
            return;
        }

        var startedAt = clock.GetUtcNow();
        if (await LabelledAsync(message.OfferId, cancellationToken) is not { } labelled) return;
        if (latest is not null && latest.Fingerprint == LikelihoodTrainer.Fingerprint(labelled))
        {
            logger.TrainingNotNeeded(message.OfferId, latest.Version);
            return;
        }

        // Training is CPU-bound for seconds: off the queue listener's threads, one at a time.
        TrainingResult result;
        await training.WaitAsync(cancellationToken);
        try
        {
            result = await Task.Run(() => trainer.Train(message.OfferId, labelled, startedAt), cancellationToken);
        }
        finally
        {
            training.Release();
        }

        if (result.Model is { } model) await models.AdoptAsync(result.Card, model, cancellationToken);
        else await models.RecordAsync(result.Card, cancellationToken);
        logger.Trained(message.OfferId, result.Card.Version, result.Card.Status, result.Card.Labelled, result.Card.Model?.RocAuc, result.Card.Score?.RocAuc);
    }

    /// <summary>
    /// The offer's labelled leads as the trainer reads them, or null when it has no outcome at all. Only the features
    /// outlive this call, not the results (their bios and reasons) they were read from.
    /// </summary>
    private async Task<List<LabelledLead>?> LabelledAsync(string offerId, CancellationToken cancellationToken)
    {
        var snapshot = await history.LoadAsync(offerId, cancellationToken);
        if (snapshot.Recorded == 0) return null;
        return [.. snapshot.Leads.Select(lead =>
        {
            var features = LeadFeatures.Of(lead.Result.Scored);
            features.Label = lead.Converted;
            return new LabelledLead(lead.PersonId, features, lead.Result.Scored.Score.Score);
        })];
    }
}
