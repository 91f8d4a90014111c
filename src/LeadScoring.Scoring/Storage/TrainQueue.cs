using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Learning;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Queue <c>train-models</c>: an offer whose history changed (outcomes recorded, or a run scored its leads), to
/// (re)train its likelihood off the HTTP path.
/// </summary>
public sealed class TrainQueue(QueueServiceClient service, IOptions<LearningOptions> options)
{
    private readonly QueueClient queue = service.GetQueueClient(StorageNames.TrainModels);

    /// <summary>
    /// Asks for a training of the offer's likelihood on its history as changed at <paramref name="changedAt"/>, after
    /// <see cref="LearningOptions.TrainingDelay"/>.
    /// </summary>
    public Task RequestAsync(string offerId, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        SendAsync(new TrainModelMessage(offerId, changedAt), options.Value.TrainingDelay, cancellationToken);

    public async Task SendAsync(TrainModelMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        await queue.SendMessageAsync(
            JsonSerializer.Serialize(message, StorageJsonContext.Default.TrainModelMessage), delay, cancellationToken: cancellationToken);
}
