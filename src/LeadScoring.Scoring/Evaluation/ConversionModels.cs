using System.Collections.Concurrent;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Evaluation;

/// <summary>
/// The offers' adopted models for the scoring hot path, by version: a run names the version adopted when it started
/// (<see cref="RunTable.ModelOfAsync"/>), and each version's file is read and loaded once per process. Versions never
/// change once written, so nothing here goes stale. A model that cannot be read leaves the lead without a likelihood
/// (its score is whole without one) and is tried again for the next lead; a process keeps the two newest versions of
/// an offer loaded.
/// </summary>
public sealed class ConversionModels(ModelStore store, ILogger<ConversionModels> logger)
{
    private const int VersionsKeptPerOffer = 2;
    private readonly ConcurrentDictionary<(string OfferId, string Version), Lazy<Task<ConversionModel?>>> models = new();

    /// <summary>The lead's likelihood under the offer's model <paramref name="version"/>; null for no version ("") or a model that cannot be read.</summary>
    public async ValueTask<ConversionLikelihood?> LikelihoodAsync(string offerId, string version, ScoredLead scored, CancellationToken cancellationToken)
    {
        if (version.Length == 0) return null;
        ConversionModel? model;
        try
        {
            model = await GetAsync(offerId, version, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.ModelReadFailed(offerId, version, e);
            return null;
        }

        return model is null ? null : new ConversionLikelihood(model.Predict(scored), model.Version);
    }

    /// <summary>The model of that version, or null when its file is gone.</summary>
    public async Task<ConversionModel?> GetAsync(string offerId, string version, CancellationToken cancellationToken)
    {
        var key = (offerId, version);
        // Loaded without the caller's token: other invocations may be waiting on the same load.
        var loading = models.GetOrAdd(key, _ => new Lazy<Task<ConversionModel?>>(() => LoadAsync(offerId, version)));
        try
        {
            return await loading.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            models.TryRemove(new KeyValuePair<(string, string), Lazy<Task<ConversionModel?>>>(key, loading));
            throw;
        }
    }

    private async Task<ConversionModel?> LoadAsync(string offerId, string version)
    {
        var file = await store.GetModelAsync(offerId, version, CancellationToken.None);
        foreach (var older in models.Keys.Where(key => key.OfferId == offerId).OrderDescending().Skip(VersionsKeptPerOffer))
        {
            models.TryRemove(older, out _);
        }

        return file is null ? null : ConversionModel.Load(version, file);
    }
}
