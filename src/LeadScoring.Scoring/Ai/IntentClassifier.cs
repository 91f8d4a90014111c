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
    private readonly IChatClient? _chatClient;
    private readonly IntentBatcher? _batcher;
    private readonly AiBreaker _breaker;
    private readonly IJudgementCache? _cache;
    private readonly GeminiOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

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
        _chatClient = chatClient;
        _logger = logger ?? NullLogger<IntentClassifier>.Instance;
        _clock = clock ?? TimeProvider.System;
        _options = settings.Value;
        _breaker = breaker ?? new AiBreaker(settings, _clock, NullLogger<AiBreaker>.Instance);
        _cache = _options.CacheJudgements ? cache : null;
        if (chatClient is null)
        {
            _logger.AiNotConfigured();
        }
        else
        {
            _batcher = new IntentBatcher(chatClient, _breaker, settings, _clock, _logger);
        }
    }

    public bool IsEnabled => _chatClient is not null;

    public async Task<IntentJudgement> ClassifyAsync(Offer offer, Lead lead, RuleScore rules, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        if (_batcher is null)
        {
            return FallbackIntent.Judge(rules, FallbackReason.AiNotConfigured);
        }

        // A remembered judgement costs no call, so it is given even while the breaker is open.
        var key = _cache is null ? null : JudgementKey.For(_options.Model, offer, lead);
        if (key is not null && await RecallAsync(key, cancellationToken) is { } remembered)
        {
            return remembered;
        }

        if (_breaker.IsBlocking(out var outage))
        {
            return outage.Kind == AiOutageKind.QuotaSpent && _options.WhenQuotaSpent == QuotaSpentBehaviour.Wait
                ? throw new AiQuotaWaitException(outage.ProbeAt)
                : FallbackIntent.Judge(rules, outage.Kind == AiOutageKind.QuotaSpent ? FallbackReason.AiQuotaDaily : FallbackReason.AiMisconfigured);
        }

        // No logging scope here: the call is made for several leads at once, so its logs name them itself.
        var judgement = await _batcher.ClassifyAsync(offer, lead, rules, cancellationToken);
        if (key is not null && judgement is { Source: IntentSource.Ai, Confidence: { } confidence })
        {
            await RememberAsync(key, new RememberedJudgement(judgement.Intent, confidence, judgement.Reason, _clock.GetUtcNow()), cancellationToken);
        }

        return judgement;
    }

    private async Task<IntentJudgement?> RecallAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var remembered = await _cache!.GetAsync(key, cancellationToken);
            if (remembered is null || remembered.JudgedAt < _clock.GetUtcNow().AddDays(-_options.CacheDays)) return null;
            return new IntentJudgement(
                remembered.Intent, IntentAnswer.Points(remembered.Intent, remembered.Confidence), remembered.Reason, IntentSource.Ai, remembered.Confidence)
            {
                Usage = AiUsage.Cached,
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A cache is an economy, never a reason to fail a lead.
            _logger.CacheFailed(e.GetType().Name);
            return null;
        }
    }

    private async Task RememberAsync(string key, RememberedJudgement judgement, CancellationToken cancellationToken)
    {
        try
        {
            await _cache!.SetAsync(key, judgement, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.CacheFailed(e.GetType().Name);
        }
    }
}
