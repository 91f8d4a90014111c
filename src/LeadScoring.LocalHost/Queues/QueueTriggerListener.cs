using System.Text.RegularExpressions;
using Azure.Core.Serialization;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LeadScoring.LocalHost.Catalog;
using LeadScoring.LocalHost.Configuration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadScoring.LocalHost.Queues;

/// <summary>
/// Polls one queue and invokes its function with the Functions host's semantics: batches of
/// <c>batchSize</c>, a new batch when in-flight work drops to <c>newBatchThreshold</c>, exponential
/// back-off up to <c>maxPollingInterval</c> on an empty queue, a failed message retried after
/// <c>visibilityTimeout</c>, and moved to "{queue}-poison" after <c>maxDequeueCount</c> attempts.
/// </summary>
internal sealed partial class QueueTriggerListener(
    QueueFunctionDescriptor function,
    QueueHostOptions options,
    IConfiguration configuration,
    IServiceProvider services,
    ILogger logger)
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var queueName = ResolveSettingExpressions(function.QueueName);
        var serviceClient = CreateServiceClient();
        var queue = serviceClient.GetQueueClient(queueName);
        var poisonQueue = serviceClient.GetQueueClient(queueName + "-poison");
        await CreateQueuesAsync(queue, poisonQueue, stoppingToken);

        var inFlight = new List<Task>();
        var pollingInterval = MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            if (inFlight.Count > options.EffectiveNewBatchThreshold)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(options.BatchSize, options.ProcessingVisibility, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (IsStorageFault(exception))
            {
                // Storage is down or restarting: keep polling, as the host does, until it is back.
                LogPollFailed(logger, exception, function.Name, queueName);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await DelayAsync(pollingInterval, stoppingToken);
                pollingInterval = TimeSpan.FromTicks(Math.Min(pollingInterval.Ticks * 2, options.MaxPollingInterval.Ticks));
                continue;
            }

            pollingInterval = MinimumPollingInterval;
            inFlight.AddRange(messages.Select(message => ProcessAsync(queue, poisonQueue, message, stoppingToken)));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poisonQueue, QueueMessage message, CancellationToken stoppingToken)
    {
        using var keepHidden = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var receipt = new PopReceipt(message.PopReceipt);
        var renewal = RenewVisibilityAsync(queue, message.MessageId, receipt, keepHidden.Token);
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, Bind(message, scope.ServiceProvider, stoppingToken));
            await keepHidden.CancelAsync();
            await renewal;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message reappears after its visibility timeout and is processed again.
            return;
        }
        catch (Exception exception)
        {
            await keepHidden.CancelAsync();
            await renewal;
            LogInvocationFailed(logger, exception, function.Name, message.MessageId, message.DequeueCount);
            await HandleFailureAsync(queue, poisonQueue, message, receipt.Value);
            return;
        }

        // The function succeeded; whatever happens to the delete is not a failure of the invocation.
        await DeleteAsync(queue, message.MessageId, receipt.Value);
    }

    private async Task DeleteAsync(QueueClient queue, string messageId, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, CancellationToken.None);
        }
        catch (Azure.RequestFailedException exception) when (IsAlreadyRedelivered(exception))
        {
            // The message became visible again while the function ran (it outlived the visibility or a renewal
            // failed) and was received anew: its new receipt's holder deletes it.
            LogDeleteSkipped(logger, function.Name, messageId);
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            LogDeleteFailed(logger, exception, function.Name, messageId);
        }
    }

    private async Task HandleFailureAsync(QueueClient queue, QueueClient poisonQueue, QueueMessage message, string popReceipt)
    {
        try
        {
            if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, popReceipt, CancellationToken.None);
                LogMovedToPoison(logger, function.Name, message.MessageId, poisonQueue.Name);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
            }
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            // Nothing is lost: the message stays on the queue and reappears after its processing visibility.
            LogReleaseFailed(logger, exception, function.Name, message.MessageId);
        }
    }

    private async Task RenewVisibilityAsync(QueueClient queue, string messageId, PopReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.ProcessingVisibility / 2, cancellationToken);
                var updated = await queue.UpdateMessageAsync(messageId, receipt.Value, visibilityTimeout: options.ProcessingVisibility, cancellationToken: cancellationToken);
                receipt.Value = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception exception) when (IsStorageFault(exception))
        {
            LogReleaseFailed(logger, exception, function.Name, messageId);
        }
    }

    private object?[] Bind(QueueMessage message, IServiceProvider scope, CancellationToken cancellationToken)
    {
        var parameters = function.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        foreach (var parameter in parameters)
        {
            arguments[parameter.Position] = parameter switch
            {
                _ when parameter == function.MessageParameter => BindMessage(message, scope),
                { ParameterType: var type } when type == typeof(CancellationToken) => cancellationToken,
                { Name: "dequeueCount" or "DequeueCount" } => Convert.ChangeType(message.DequeueCount, parameter.ParameterType, System.Globalization.CultureInfo.InvariantCulture),
                { Name: "id" or "Id" or "messageId" } => message.MessageId,
                _ => throw new NotSupportedException($"{function.Name}: the local host cannot bind parameter '{parameter.Name}'."),
            };
        }

        return arguments;
    }

    private object? BindMessage(QueueMessage message, IServiceProvider scope)
    {
        var type = function.MessageParameter.ParameterType;
        if (type == typeof(QueueMessage)) return message;
        if (type == typeof(BinaryData)) return message.Body;
        if (type == typeof(string)) return message.Body.ToString();
        if (type == typeof(byte[])) return message.Body.ToArray();

        // POCOs go through the worker's configured serializer, as in Azure.
        var serializer = scope.GetService<IOptions<WorkerOptions>>()?.Value.Serializer ?? new JsonObjectSerializer();
        using var body = message.Body.ToStream();
        return serializer.Deserialize(body, type, CancellationToken.None);
    }

    private QueueServiceClient CreateServiceClient()
    {
        var connectionString = configuration[function.Connection]
            ?? throw new InvalidOperationException(
                $"{function.Name}: the local host needs a connection string in setting '{function.Connection}' (identity-based connections are for Azure).");
        var clientOptions = new QueueClientOptions
        {
            MessageEncoding = string.Equals(options.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase)
                ? QueueMessageEncoding.Base64
                : QueueMessageEncoding.None,
        };
        return new QueueServiceClient(connectionString, clientOptions);
    }

    private async Task CreateQueuesAsync(QueueClient queue, QueueClient poisonQueue, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                return;
            }
            catch (Exception exception) when (IsStorageFault(exception))
            {
                LogPollFailed(logger, exception, function.Name, queue.Name);
                await DelayAsync(options.MaxPollingInterval, cancellationToken);
            }
        }
    }

    // Once its own retries are spent the storage SDK throws an AggregateException of these; a listener must
    // survive any storage outage and keep polling, as the Functions host does.
    internal static bool IsStorageFault(Exception exception) => exception switch
    {
        Azure.RequestFailedException or HttpRequestException or IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageFault),
        _ => false,
    };

    // A stale pop receipt (the message was received again) or a message already deleted by the newer receipt.
    internal static bool IsAlreadyRedelivered(Azure.RequestFailedException exception) =>
        exception.ErrorCode == QueueErrorCode.PopReceiptMismatch.ToString() || exception.ErrorCode == QueueErrorCode.MessageNotFound.ToString();

    private string ResolveSettingExpressions(string value) =>
        SettingExpression().Replace(value, match => configuration[match.Groups[1].Value]
            ?? throw new InvalidOperationException($"{function.Name}: setting '{match.Groups[1].Value}' is not defined."));

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Function {FunctionName} could not poll queue {QueueName}; retrying")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string functionName, string queueName);

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "Function {FunctionName} failed for message {MessageId} (attempt {DequeueCount})")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string functionName, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "Function {FunctionName} moved message {MessageId} to {PoisonQueue}")]
    private static partial void LogMovedToPoison(ILogger logger, string functionName, string messageId, string poisonQueue);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Function {FunctionName} could not update message {MessageId}; it reappears after its visibility timeout")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string functionName, string messageId);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "Function {FunctionName} succeeded, but message {MessageId} was already redelivered; delete skipped")]
    private static partial void LogDeleteSkipped(ILogger logger, string functionName, string messageId);

    [LoggerMessage(EventId = 905, Level = LogLevel.Warning, Message = "Function {FunctionName} succeeded, but message {MessageId} could not be deleted; it reappears after its visibility timeout")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string functionName, string messageId);

    /// <summary>The pop receipt changes on every visibility update; the delete needs the latest one.</summary>
    private sealed class PopReceipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
