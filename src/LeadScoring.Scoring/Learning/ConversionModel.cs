using LeadScoring.Scoring.Scores;
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace LeadScoring.Scoring.Learning;

/// <summary>
/// An adopted model, loaded: gives a scored lead its calibrated likelihood to convert. ML.NET's prediction engine is
/// not thread-safe and costly to build, so engines are pooled: concurrent scoring invocations each borrow one.
/// </summary>
public sealed class ConversionModel
{
    private readonly ObjectPool<PredictionEngine<LeadFeatures, LikelihoodPrediction>> engines;

    private ConversionModel(string version, MLContext ml, ITransformer model)
    {
        Version = version;
        engines = new DefaultObjectPool<PredictionEngine<LeadFeatures, LikelihoodPrediction>>(new EnginePolicy(ml, model), Environment.ProcessorCount * 4);
    }

    /// <summary>The version of the offer's model this is (its card's <see cref="ModelCard.Version"/>).</summary>
    public string Version { get; }

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    public static ConversionModel Load(string version, byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var ml = new MLContext();
        using var stream = new MemoryStream(file, writable: false);
        return new ConversionModel(version, ml, ml.Model.Load(stream, out _));
    }

    internal static byte[] Save(MLContext ml, ITransformer model)
    {
        using var stream = new MemoryStream();
        ml.Model.Save(model, null, stream);
        return stream.ToArray();
    }

    /// <summary>The lead's likelihood to convert, 0–1, rounded to four places (what is stored and shown).</summary>
    public double Predict(ScoredLead scored)
    {
        var engine = engines.Get();
        try
        {
            return Math.Round(Math.Clamp(engine.Predict(LeadFeatures.Of(scored)).Probability, 0, 1), 4);
        }
        finally
        {
            engines.Return(engine);
        }
    }

    private sealed class EnginePolicy(MLContext ml, ITransformer model) : PooledObjectPolicy<PredictionEngine<LeadFeatures, LikelihoodPrediction>>
    {
        public override PredictionEngine<LeadFeatures, LikelihoodPrediction> Create() => ml.Model.CreatePredictionEngine<LeadFeatures, LikelihoodPrediction>(model);

        public override bool Return(PredictionEngine<LeadFeatures, LikelihoodPrediction> engine) => true;
    }
}
