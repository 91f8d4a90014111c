using Azure;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Evaluation;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Pipeline;

/// <summary>
/// Handles one <c>score-leads</c> message: load offer and lead, score, add the likelihood when the offer has an
/// adopted model, write the result, count the lead. It is the hot
/// path of every run, so it reads nothing it can avoid: runs and offers are cached, the lead comes in the message,
/// and completion is checked per run a few times a second rather than per lead.
/// Delivery is at least once, so every step is idempotent. What can never succeed (unknown offer or lead) is
/// counted as failed at once instead of being retried; anything else throws after recording the error, the host
/// retries, and after maxDequeueCount <see cref="FailPoisonedAsync"/> counts the lead as failed with that error.
/// </summary>
public sealed class ScoreLeadHandler(
    RunTable runs, RunCompletion completion, OfferTable offers, LeadTable leads, ResultTable results, ScoreQueue queue, LeadScorer scorer,
    ConversionModels models, AiBreaker breaker, SweepHeartbeat heartbeat, TimeProvider clock, ILogger<ScoreLeadHandler> logger)
{
    public async Task ScoreAsync(ScoreLeadMessage message, CancellationToken cancellationToken)
    {
        if (await ModelOfRunAsync(message, cancellationToken) is not { } modelVersion) return;
        // A lead waiting for Gemini's rate limiter counts nothing for a while: the run is alive, not stalled.
        using var alive = heartbeat.Enter(SweepTable.Run, message.RunId);

        // Rescoring a redelivered lead is idempotent and counting rejects it, so without AI the "already counted?" read
        // is not worth its request per lead. With AI it is: one read is cheaper than a call against the quota.
        if (scorer.CallsAi && await runs.IsCountedAsync(message.RunId, message.LeadId, cancellationToken)) return;

        var offer = await offers.GetAsync(message.OfferId, cancellationToken);
        var lead = offer is null ? null : message.CarriedLead() ?? await leads.GetAsync(message.LeadId, cancellationToken);
        if (offer is null || lead is null)
        {
            var error = offer is null ? $"Offer '{message.OfferId}' does not exist." : $"Lead '{message.LeadId}' does not exist.";
            await FailAsync(message, error, cancellationToken);
            return;
        }

        try
        {
            var score = await scorer.ScoreAsync(lead, offer, cancellationToken);
            var scored = new ScoredLead(lead, score);
            var likelihood = await models.LikelihoodAsync(offer.Id, modelVersion, scored, cancellationToken);
            await results.UpsertAsync(offer.Id, new LeadResult(scored, message.RunId, clock.GetUtcNow()) { Likelihood = likelihood }, cancellationToken);
            await runs.CountScoredAsync(message.RunId, message.LeadId, score, cancellationToken);
            completion.Request(message.RunId);
        }
        catch (AiQuotaWaitException wait)
        {
            await WaitForQuotaAsync(message, wait.RetryAt, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Not logged here: the host logs the failed invocation. Kept so the poison handler can say why.
            await runs.RecordAttemptErrorAsync(message.RunId, message.LeadId, Describe(e), cancellationToken);
            throw;
        }
    }

    /// <summary>
    /// The daily quota is spent and the run may wait for it: a copy of the message comes back when the quota resets (a
    /// little spread, so the leads don't all return in the same second) and this one completes. A crash between the two
    /// leaves both copies; the lead is still counted once.
    /// </summary>
    private async Task WaitForQuotaAsync(ScoreLeadMessage message, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        // Never sooner than one probe interval (capped at a minute): a lead that arrives while a probe is in flight
        // must not spin. Spread over up to a tenth of the wait, at most a minute.
        var minimum = breaker.ProbeInterval < MaxMinimumQuotaWait ? breaker.ProbeInterval : MaxMinimumQuotaWait;
        var wait = retryAt - clock.GetUtcNow();
        if (wait < minimum) wait = minimum;
        var spread = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(wait.TotalMilliseconds / 10, 60_000));
        await queue.SendAsync(message, wait + spread, cancellationToken);
        await runs.MarkWaitingForQuotaAsync(message.RunId, retryAt, cancellationToken);
        logger.LeadWaitsForQuota(message.LeadId, message.RunId, retryAt);
    }

    /// <summary>For a message the host moved to <c>score-leads-poison</c>: the lead fails with the last recorded error.</summary>
    public async Task FailPoisonedAsync(ScoreLeadMessage message, CancellationToken cancellationToken)
    {
        if (!await IsCountableAsync(message, cancellationToken)) return;
        var lastError = await runs.GetAttemptErrorAsync(message.RunId, message.LeadId, cancellationToken) ?? "no error was recorded";
        await FailAsync(message, $"Scoring failed on every attempt. Last error: {lastError}", cancellationToken);
    }

    private async Task<bool> IsCountableAsync(ScoreLeadMessage message, CancellationToken cancellationToken) =>
        await ModelOfRunAsync(message, cancellationToken) is not null;

    /// <summary>The version of the learned model the run scores with ("" for none), or null when the lead cannot be counted.</summary>
    private async Task<string?> ModelOfRunAsync(ScoreLeadMessage message, CancellationToken cancellationToken)
    {
        // Without a run (or with a lead id that cannot be a key) there is nowhere to count the lead: drop the message.
        if (TableKey.IsValidId(message.LeadId) && await runs.ModelOfAsync(message.RunId, cancellationToken) is { } version) return version;
        logger.UnknownRun(message.RunId);
        return null;
    }

    private async Task FailAsync(ScoreLeadMessage message, string error, CancellationToken cancellationToken)
    {
        logger.LeadFailed(message.LeadId, message.RunId, error);
        await runs.CountAsync(message.RunId, message.LeadId, LeadOutcome.Failed, error, cancellationToken);
        completion.Request(message.RunId);
    }

    private static readonly TimeSpan MaxMinimumQuotaWait = TimeSpan.FromMinutes(1);

    /// <summary>What a user may read in the run status: kinds and codes, never exception text (it can carry URLs or keys).</summary>
    private static string Describe(Exception exception) => exception switch
    {
        RequestFailedException e => $"Storage request failed with status {e.Status} ({e.ErrorCode ?? "no error code"}).",
        HttpRequestException e => $"HTTP request failed{(e.StatusCode is { } status ? $" with status {(int)status}" : "")}.",
        TimeoutException or OperationCanceledException => "The operation timed out.",
        _ => $"Unexpected {exception.GetType().Name}.",
    };
}
