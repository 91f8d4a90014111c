using LeadScoring.Scoring.Evaluation;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>A training of an offer's likelihood, after its outcomes changed or a run scored its leads.</summary>
public sealed class TrainModel(ModelTrainer trainer)
{
    [Function(nameof(TrainModel))]
    public Task Run(
        [QueueTrigger(StorageNames.TrainModels, Connection = StorageNames.Connection)] TrainModelMessage message,
        CancellationToken cancellationToken) =>
        trainer.TrainAsync(message, cancellationToken);
}
