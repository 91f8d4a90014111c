using Azure.Core.Serialization;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>
/// Plays the Functions host's queue trigger without a host: receives messages (the client decodes base64 as the
/// host does), deserializes them with the worker's serializer, calls the function method, deletes the message on
/// success; on failure makes it visible again at once, and after maxDequeueCount moves it to "{queue}-poison".
/// </summary>
internal sealed class QueueDriver(QueueServiceClient queues, ObjectSerializer serializer, int maxDequeueCount)
{
    private readonly List<Exception> failures = [];

    /// <summary>Exceptions the functions threw (each one a failed delivery the host would retry).</summary>
    public IReadOnlyList<Exception> Failures => failures;

    /// <summary>One receive of up to 32 messages; returns how many were delivered.</summary>
    public async Task<int> DeliverAsync<TMessage>(string queueName, Func<TMessage, CancellationToken, Task> function, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(queueName);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5), cancellationToken);
        foreach (var message in messages)
        {
            await DeliverAsync(queue, message, function, cancellationToken);
        }

        return messages.Length;
    }

    private async Task DeliverAsync<TMessage>(
        QueueClient queue, QueueMessage message, Func<TMessage, CancellationToken, Task> function, CancellationToken cancellationToken)
    {
        try
        {
            var payload = (TMessage)(await serializer.DeserializeAsync(message.Body.ToStream(), typeof(TMessage), cancellationToken))!;
            await function(payload, cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failures.Add(e);
        }

        if (message.DequeueCount >= maxDequeueCount)
        {
            await queues.GetQueueClient(queue.Name + "-poison").SendMessageAsync(message.Body, cancellationToken: cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }
    }
}
