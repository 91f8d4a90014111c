using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>
/// A storage blip in the middle of a fan-out: a real <see cref="PlanQueue"/> on the test's Azurite account whose
/// client lets <c>sends</c> messages through and then fails every send (503, no SDK retries) before it leaves.
/// </summary>
internal static class FailingPlanQueue
{
    public static RunPlanner Planner(TestApp app, int sends)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.MaxRetries = 0;
        options.AddPolicy(new FailSendsAfter(sends), HttpPipelinePosition.PerCall);
        var plans = new PlanQueue(new QueueServiceClient(app.ConnectionString, options));
        return ActivatorUtilities.CreateInstance<RunPlanner>(app.Services, plans);
    }

    private sealed class FailSendsAfter(int sends) : HttpPipelinePolicy
    {
        private int attempted;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Fail(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Fail(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Fail(HttpMessage message)
        {
            var isSend = message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal);
            if (isSend && Interlocked.Increment(ref attempted) > sends)
            {
                throw new RequestFailedException(503, "Injected storage fault", "ServerBusy", null);
            }
        }
    }
}
