using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Ai;

/// <summary>The AI half of a score (0–50): asks the model, falls back to <see cref="FallbackIntent"/> and says why.</summary>
/// <remarks>
/// Per lead, in order: no chat client (no key) is the fallback at once; a remembered judgement of the same content is
/// given again; an open <see cref="AiBreaker"/> is the fallback (or, in wait mode, <see cref="AiQuotaWaitException"/>)
/// at once; otherwise the lead joins a call with other leads of its offer (<see cref="IntentBatcher"/>). Retries and rate
/// limits happen below the chat client. Cancellation by the caller is not a fault: it propagates.
/// </remarks>
public sealed class IntentClassifier
{
    private readonly IChatClient? chatClient;
    private readonly IntentBatcher? batcher;
    private readonly AiBreaker breaker;
    private readonly IJudgementCache? cache;
    private readonly GeminiOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger logger;

    // Optional parameters keep `new IntentClassifier()` (rule fallback only) and a fake chat client easy in tests.
    public IntentClassifier(
        IChatClient? chatClient = null,
        ILogger<IntentClassifier>? logger = null,
        TimeProvider? clock = null,
        IOptions<GeminiOptions>? options = null,
        AiBreaker? breaker = null,
        IJudgementCache? cache = null)
    {
        var settings = options ?? Options.Create(new GeminiOptions());
        this.chatClient = chatClient;
        this.logger = logger ?? NullLogger<IntentClassifier>.Instance;
        this.clock = clock ?? TimeProvider.System;
        this.options = settings.Value;
        this.breaker = breaker ?? new AiBreaker(settings, this.clock, NullLogger<AiBreaker>.Instance);
        this.cache = this.options.CacheJudgements ? cache : null;
        if (chatClient is null)
        {
            this.logger.AiNotConfigured();
        }
        else
        {
            this.batcher = new IntentBatcher(chatClient, this.breaker, settings, this.clock, this.logger);
        }
    }

    public bool IsEnabled => chatClient is not null;

    public async Task<IntentJudgement> ClassifyAsync(Offer offer, Lead lead, RuleScore rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        if (batcher is null)
        {
            return FallbackIntent.Judge(rules, FallbackReason.AiNotConfigured);
        }

        // A remembered judgement costs no call, so it is given even while the breaker is open.
        var key = cache is null ? null : JudgementKey.For(options.Model, offer, lead);
        if (key is not null && await RecallAsync(key, cancellationToken) is { } remembered)
        {
            return remembered;
        }

        if (breaker.IsBlocking(out var outage))
        {
            return outage.Kind == AiOutageKind.QuotaSpent && options.WhenQuotaSpent == QuotaSpentBehaviour.Wait
                ? throw new AiQuotaWaitException(outage.ProbeAt)
                : FallbackIntent.Judge(rules, outage.Kind == AiOutageKind.QuotaSpent ? FallbackReason.AiQuotaDaily : FallbackReason.AiMisconfigured);
        }

        // No logging scope here: the call is made for several leads at once, so its logs name them itself.
        var judgement = await batcher.ClassifyAsync(offer, lead, rules, cancellationToken);
        if (key is not null && judgement is { Source: IntentSource.Ai, Confidence: { } confidence })
        {
            await RememberAsync(key, new RememberedJudgement(judgement.Intent, confidence, judgement.Reason, clock.GetUtcNow()), cancellationToken);
        }

        return judgement;
    }

    private async Task<IntentJudgement?> RecallAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var remembered = await cache!.GetAsync(key, cancellationToken);
            if (remembered is null || remembered.JudgedAt < clock.GetUtcNow().AddDays(-options.CacheDays)) return null;
            return new IntentJudgement(
                remembered.Intent, IntentAnswer.Points(remembered.Intent, remembered.Confidence), remembered.Reason, IntentSource.Ai, remembered.Confidence)
            {
                Usage = AiUsage.Cached,
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A cache is an economy, never a reason to fail a lead.
            logger.CacheFailed(e.GetType().Name);
            return null;
        }
    }

    private async Task RememberAsync(string key, RememberedJudgement judgement, CancellationToken cancellationToken)
    {
        try
        {
            await cache!.SetAsync(key, judgement, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.CacheFailed(e.GetType().Name);
        }
    }
}
