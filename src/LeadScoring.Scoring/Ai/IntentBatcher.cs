using System.Net;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.RateLimiting;
using Polly.Timeout;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// Coalesces the leads that concurrent scoring invocations of this process ask about, per offer, into one structured
/// call of up to <see cref="GeminiOptions.LeadsPerCall"/> leads. The first lead of a call waits at most
/// <see cref="GeminiOptions.BatchWindowMilliseconds"/> for others; a full call goes at once.
/// </summary>
/// <remarks>
/// Each lead's entry is checked on its own. A lead left out of the answer or answered outside the schema is asked about
/// alone once, then falls back (ai_invalid_response). An answer cut off (MAX_TOKENS) or withheld (a safety filter) is
/// asked again in two halves, down to one lead, so one lead's content or a long batch never costs the others their
/// judgement. A fault of the whole call (quota, timeout, network) falls every lead of it back with that reason; a fault
/// every call would hit alike opens the <see cref="AiBreaker"/>.
/// </remarks>
internal sealed class IntentBatcher(IChatClient chatClient, AiBreaker breaker, IOptions<GeminiOptions> options, TimeProvider clock, ILogger logger)
{
    // A classification, not prose: the most likely label every time (sent only to models that take it).
    private const float Temperature = 0;

    // Room for the JSON wrapper, then per lead: its id, the label, the confidence and a reason of up to 300 characters.
    private const int AnswerTokensPerCall = 256;
    private const int AnswerTokensPerLead = 160;

    private static readonly ChatResponseFormat AnswerFormat =
        ChatResponseFormat.ForJsonSchema<IntentAnswers>(IntentAnswerJsonContext.Default.Options, "lead_intents");

    private readonly GeminiOptions settings = options.Value;
    private readonly Lock gate = new();
    private readonly Dictionary<string, OpenCall> openCalls = new(StringComparer.Ordinal);

    public Task<IntentJudgement> ClassifyAsync(Offer offer, Lead lead, RuleScore rules, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<IntentJudgement>(cancellationToken);
        var pending = new PendingLead(lead, rules);
        OpenCall? ready = null;
        lock (gate)
        {
            // A call every caller has given up on is cancelled: a new lead starts a new one.
            if (!openCalls.TryGetValue(offer.Id, out var call) || call.Abandoned.IsCancellationRequested)
            {
                call = new OpenCall(offer);
                openCalls[offer.Id] = call;
                if (settings.LeadsPerCall > 1 && settings.BatchWindowMilliseconds > 0)
                {
                    _ = SendAfterWindowAsync(call);
                }
            }

            call.Leads.Add(pending);
            call.Waiting++;
            if (cancellationToken.CanBeCanceled)
            {
                var joined = call;
                pending.GiveUp = cancellationToken.UnsafeRegister(_ => GiveUp(joined), null);
            }

            if (call.Leads.Count >= settings.LeadsPerCall || settings.BatchWindowMilliseconds == 0)
            {
                openCalls.Remove(offer.Id);
                ready = call;
            }
        }

        if (ready is not null) _ = SendAsync(ready);

        // The call goes on for the others when one caller gives up: its answer is simply not taken. When every caller
        // has given up (host shutdown), the call is cancelled, so it spends no quota and holds up no shutdown.
        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    private void GiveUp(OpenCall call)
    {
        lock (gate)
        {
            if (--call.Waiting > 0) return;
            if (openCalls.TryGetValue(call.Offer.Id, out var open) && open == call) openCalls.Remove(call.Offer.Id);
        }

        call.Abandoned.Cancel();
    }

    private async Task SendAfterWindowAsync(OpenCall call)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(settings.BatchWindowMilliseconds), clock).ConfigureAwait(false);
        lock (gate)
        {
            // Already sent full, or not ours any more.
            if (!openCalls.TryGetValue(call.Offer.Id, out var open) || open != call) return;
            openCalls.Remove(call.Offer.Id);
        }

        await SendAsync(call).ConfigureAwait(false);
    }

    private async Task SendAsync(OpenCall call)
    {
        // A lead redelivered while its first copy waits is asked about once; both copies get the answer.
        var leads = call.Leads.GroupBy(p => p.Lead.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var passed = false;
        try
        {
            passed = breaker.TryPass(out var outage);
            var verdicts = passed
                ? await JudgeAsync(call, leads, retryingAlone: false).ConfigureAwait(false)
                : leads.ToDictionary(p => p.Lead.Id, p => Verdict.ForOutage(outage!, p.Rules, settings));

            foreach (var pending in call.Leads)
            {
                verdicts[pending.Lead.Id].Complete(pending, logger);
            }
        }
        catch (OperationCanceledException) when (call.Abandoned.IsCancellationRequested)
        {
            // Nobody waits for this answer any more. If the call was an open breaker's probe, the next call probes.
            if (passed) breaker.CallFailed();
            foreach (var pending in call.Leads) pending.Result.TrySetCanceled(call.Abandoned.Token);
        }
        catch (Exception exception)
        {
            // A bug below must not leave a scoring invocation waiting forever.
            foreach (var pending in call.Leads) pending.Result.TrySetException(exception);
        }
        finally
        {
            foreach (var pending in call.Leads) pending.GiveUp.Dispose();
        }
    }

    /// <summary>One call for these leads (and the calls it takes to finish them): a verdict per lead id.</summary>
    private async Task<Dictionary<string, Verdict>> JudgeAsync(OpenCall call, IReadOnlyList<PendingLead> leads, bool retryingAlone)
    {
        var offer = call.Offer;
        var started = clock.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await chatClient.GetResponseAsync(
                [new ChatMessage(ChatRole.User, ClassificationPrompt.Render(offer, [.. leads.Select(p => p.Lead)]))],
                new ChatOptions
                {
                    Temperature = Temperature,
                    MaxOutputTokens = AnswerTokensPerCall + AnswerTokensPerLead * leads.Count,
                    Reasoning = new ReasoningOptions { Effort = ReasoningEffort.None, Output = ReasoningOutput.None },
                    ResponseFormat = AnswerFormat,
                },
                call.Abandoned.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (!call.Abandoned.IsCancellationRequested && Classify(exception) is { } fault)
        {
            var outage = OnFault(fault);
            return leads.ToDictionary(
                p => p.Lead.Id,
                p => outage is null ? Verdict.Fallback(p, fault.Reason, ElapsedMs(started), fault.Detail) : Verdict.ForOutage(outage, p.Rules, settings));
        }

        breaker.Close();
        var spent = Spend(response, leads);
        var finish = response.FinishReason;
        if (leads.Count > 1 && (finish == ChatFinishReason.Length || finish == ChatFinishReason.ContentFilter || string.IsNullOrWhiteSpace(response.Text)))
        {
            logger.BatchSplit(leads.Count, finish == ChatFinishReason.Length ? "cut off at MAX_TOKENS" : "withheld or empty");
            var half = leads.Count / 2;
            var halves = await Task.WhenAll(JudgeAsync(call, [.. leads.Take(half)], retryingAlone), JudgeAsync(call, [.. leads.Skip(half)], retryingAlone))
                .ConfigureAwait(false);
            return Charge(halves.SelectMany(h => h).ToDictionary(), spent, leads);
        }

        if (finish == ChatFinishReason.ContentFilter || string.IsNullOrWhiteSpace(response.Text))
        {
            return Charge(Fallbacks(leads, FallbackReason.AiBlocked, started, $"no answer (finish reason {finish?.Value ?? "none"})"), spent, leads);
        }

        if (finish == ChatFinishReason.Length)
        {
            return Charge(Fallbacks(leads, FallbackReason.AiInvalidResponse, started, "answer cut off at MAX_TOKENS"), spent, leads);
        }

        var answers = IntentAnswers.Parse(response.Text) ?? [];
        var verdicts = new Dictionary<string, Verdict>(StringComparer.Ordinal);
        var unanswered = new List<PendingLead>();
        foreach (var pending in leads)
        {
            if (answers.TryGetValue(pending.Lead.Id, out var answer)) verdicts[pending.Lead.Id] = Verdict.Judged(answer.ToJudgement()!, ElapsedMs(started), answer.Confidence);
            else unanswered.Add(pending);
        }

        logger.BatchAnswered(leads.Count, offer.Id, spent.Sum(s => s.PromptTokens), spent.Sum(s => s.AnswerTokens), spent.Sum(s => s.ThoughtTokens), ElapsedMs(started));
        if (unanswered.Count > 0 && !retryingAlone)
        {
            logger.BatchIncomplete(unanswered.Count, leads.Count);
            var alone = await Task.WhenAll(unanswered.Select(p => JudgeAsync(call, [p], retryingAlone: true))).ConfigureAwait(false);
            foreach (var verdict in alone.SelectMany(a => a)) verdicts[verdict.Key] = verdict.Value;
        }
        else
        {
            foreach (var pending in unanswered)
            {
                verdicts[pending.Lead.Id] = Verdict.Fallback(pending, FallbackReason.AiInvalidResponse, ElapsedMs(started), "answer outside the schema");
            }
        }

        return Charge(verdicts, spent, leads);
    }

    /// <summary>The outage a fault of the whole configuration or quota opens; null for a fault of this call alone.</summary>
    private AiOutage? OnFault(CallFault fault)
    {
        switch (fault.Reason)
        {
            case FallbackReason.AiQuotaDaily:
                return breaker.OpenForDailyQuota(settings.Model, fault.QuotaId ?? "a per-day quota");
            case FallbackReason.AiMisconfigured:
                return breaker.OpenForMisconfiguration(settings.Model, fault.Detail, fault.StatusCode, fault.ApiStatus, fault.ApiReason);
            default:
                breaker.CallFailed();
                return null;
        }
    }

    // What the chat client stack throws once its retries are spent; anything else is a bug and propagates.
    private CallFault? Classify(Exception exception) => exception switch
    {
        GeminiApiException { StatusCode: HttpStatusCode.TooManyRequests, Error.IsDailyQuota: true } e =>
            new CallFault(FallbackReason.AiQuotaDaily, "daily quota spent", 429, e.Error.Status, null, e.Error.QuotaIds?.FirstOrDefault(id => id.Contains("PerDay", StringComparison.OrdinalIgnoreCase))),
        GeminiApiException { StatusCode: { } status } e when GeminiError.IsConfigurationFault(status) =>
            new CallFault(FallbackReason.AiMisconfigured, MisconfigurationDetail(status, e.Error), (int)status, e.Error.Status, e.Error.Reason),
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => Fault(FallbackReason.AiQuota, exception),
        HttpRequestException { StatusCode: HttpStatusCode.RequestTimeout } => Fault(FallbackReason.AiTimeout, exception),
        HttpRequestException => Fault(FallbackReason.AiUnavailable, exception),
        RateLimiterRejectedException => Fault(FallbackReason.AiQuota, exception),
        TimeoutRejectedException or TimeoutException or OperationCanceledException => Fault(FallbackReason.AiTimeout, exception),
        System.Text.Json.JsonException => Fault(FallbackReason.AiInvalidResponse, exception),
        _ => null,
    };

    private static CallFault Fault(FallbackReason reason, Exception exception) => new(reason, Describe(exception), 0, null, null);

    // Our own words, for /health and the log: the API's message is free text and may quote the request.
    private string MisconfigurationDetail(HttpStatusCode status, GeminiError error) => (status, error.Reason) switch
    {
        (_, "API_KEY_INVALID") => "Gemini rejected the API key (API_KEY_INVALID).",
        (HttpStatusCode.NotFound, _) => $"Gemini does not know the model '{settings.Model}' (NOT_FOUND): it may be retired or misspelt.",
        (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) => $"Gemini denied this API key access ({error.Status ?? "PERMISSION_DENIED"}{(error.Reason is { } r ? ", " + r : "")}).",
        _ => $"Gemini refused the request for model '{settings.Model}' ({error.Status ?? "HTTP " + (int)status}{(error.Reason is { } reason ? ", " + reason : "")}).",
    };

    // Our own words: exception messages from below may quote what the service said.
    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException { HttpRequestError: var error } => $"network ({error})",
        _ => exception.GetType().Name,
    };

    private static AiUsage[] Spend(ChatResponse response, IReadOnlyList<PendingLead> leads) => AiUsage.Split(
        (int)(response.Usage?.InputTokenCount ?? 0),
        (int)(response.Usage?.OutputTokenCount ?? 0),
        (int)(response.Usage?.ReasoningTokenCount ?? 0),
        leads.Count);

    /// <summary>Adds this call's shares to the verdicts of the leads it was made for (in their order).</summary>
    private static Dictionary<string, Verdict> Charge(Dictionary<string, Verdict> verdicts, AiUsage[] spent, IReadOnlyList<PendingLead> leads)
    {
        for (var i = 0; i < leads.Count; i++)
        {
            var id = leads[i].Lead.Id;
            verdicts[id] = verdicts[id].Plus(spent[i]);
        }

        return verdicts;
    }

    private Dictionary<string, Verdict> Fallbacks(IReadOnlyList<PendingLead> leads, FallbackReason reason, long started, string cause) =>
        leads.ToDictionary(p => p.Lead.Id, p => Verdict.Fallback(p, reason, ElapsedMs(started), cause));

    private long ElapsedMs(long started) => (long)clock.GetElapsedTime(started).TotalMilliseconds;

    private sealed record OpenCall(Offer Offer)
    {
        public List<PendingLead> Leads { get; } = [];

        /// <summary>Callers still waiting for the answer (under the batcher's gate).</summary>
        public int Waiting { get; set; }

        /// <summary>Cancelled when no caller waits any more.</summary>
        public CancellationTokenSource Abandoned { get; } = new();
    }

    private sealed record CallFault(FallbackReason Reason, string Detail, int StatusCode, string? ApiStatus, string? ApiReason, string? QuotaId = null);
}

/// <summary>A lead waiting for its judgement.</summary>
internal sealed record PendingLead(Lead Lead, RuleScore Rules)
{
    /// <summary>The caller's cancellation registration, released once the call is over.</summary>
    public CancellationTokenRegistration GiveUp { get; set; }

    public TaskCompletionSource<IntentJudgement> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>How one lead of a call ended: a judgement (the model's or the fallback's), or a wait for the quota.</summary>
internal sealed record Verdict(IntentJudgement? Judgement, DateTimeOffset? WaitUntil, string? Cause, long ElapsedMs, double? Confidence = null)
{
    /// <summary>The breaker said it once when it opened (events 211/212); no log line per lead.</summary>
    public bool SaidByBreaker { get; init; }

    public static Verdict Judged(IntentJudgement judgement, long elapsedMs, double confidence) => new(judgement, null, null, elapsedMs, confidence);

    public static Verdict Fallback(PendingLead pending, FallbackReason reason, long elapsedMs, string cause) =>
        new(FallbackIntent.Judge(pending.Rules, reason), null, cause, elapsedMs);

    public static Verdict ForOutage(AiOutage outage, RuleScore rules, GeminiOptions options) => outage.Kind switch
    {
        AiOutageKind.QuotaSpent when options.WhenQuotaSpent == QuotaSpentBehaviour.Wait => new(null, outage.ProbeAt, null, 0),
        AiOutageKind.QuotaSpent => new(FallbackIntent.Judge(rules, FallbackReason.AiQuotaDaily), null, outage.Detail, 0) { SaidByBreaker = true },
        _ => new(FallbackIntent.Judge(rules, FallbackReason.AiMisconfigured), null, outage.Detail, 0) { SaidByBreaker = true },
    };

    public Verdict Plus(AiUsage usage) => Judgement is null ? this : this with { Judgement = Judgement with { Usage = Judgement.Usage + usage } };

    public void Complete(PendingLead pending, ILogger logger)
    {
        if (Judgement is null)
        {
            pending.Result.TrySetException(new AiQuotaWaitException(WaitUntil!.Value));
            return;
        }

        if (Judgement.FallbackReason is { } reason)
        {
            if (!SaidByBreaker)
            {
                logger.IntentFallback(pending.Lead.Id, reason.WireName(), ElapsedMs, Cause ?? "");
            }
        }
        else
        {
            logger.IntentClassified(pending.Lead.Id, Judgement.Intent.ToString(), Confidence ?? 0, ElapsedMs);
        }

        pending.Result.TrySetResult(Judgement);
    }
}
