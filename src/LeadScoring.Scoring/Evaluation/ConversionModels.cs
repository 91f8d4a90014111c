using System.Collections.Concurrent;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Scoring.Evaluation;

/// <summary>
/// The offers' adopted models for the scoring hot path, by version: a run names the version adopted when it started
/// (<see cref="RunTable.ModelOfAsync"/>), and each version's file is read and loaded once per process. Versions never
/// change once written, so nothing here goes stale; a failed read is not kept, so the next lead tries again.
/// </summary>
public sealed class ConversionModels(ModelStore store)
{
    private readonly ConcurrentDictionary<(string OfferId, string Version), Lazy<Task<ConversionModel?>>> models = new();

    /// <summary>The lead's likelihood under the offer's model <paramref name="version"/>; null for no version ("").</summary>
    public async ValueTask<ConversionLikelihood?> LikelihoodAsync(string offerId, string version, ScoredLead scored, CancellationToken cancellationToken)
    {
        if (version.Length == 0) return null;
        var model = await GetAsync(offerId, version, cancellationToken);
        return model is null ? null : new ConversionLikelihood(model.Predict(scored), model.Version);
    }

    /// <summary>The model of that version, or null when its file is gone (a version two adoptions old).</summary>
    public async Task<ConversionModel?> GetAsync(string offerId, string version, CancellationToken cancellationToken)
    {
        var key = (offerId, version);
        var loading = models.GetOrAdd(key, _ => new Lazy<Task<ConversionModel?>>(() => LoadAsync(offerId, version, cancellationToken)));
        try
        {
            return await loading.Value;
        }
        catch
        {
            models.TryRemove(new KeyValuePair<(string, string), Lazy<Task<ConversionModel?>>>(key, loading));
            throw;
        }
    }

    private async Task<ConversionModel?> LoadAsync(string offerId, string version, CancellationToken cancellationToken) =>
        await store.GetModelAsync(offerId, version, cancellationToken) is { } file ? ConversionModel.Load(version, file) : null;
}
