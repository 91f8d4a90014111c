using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LeadScoring.Scoring.Outcomes;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace LeadScoring.Scoring.Learning;

/// <summary>
/// Learns an offer's conversion likelihood from its labelled leads with ML.NET, and decides whether to adopt it.
/// Two candidates, a calibrated logistic regression over one-hot categories and boosted trees (FastTree, Platt
/// calibrated), are measured by stratified k-fold cross-validation: every lead gets a likelihood from a model that did
/// not see it, and the same leads' current scores are measured beside them. The better candidate is adopted only when
/// its held-out ROC-AUC beats the score's by <see cref="LearningOptions.MinAucGain"/>; then it is trained again on all
/// leads. Everything is seeded, so the same history gives the same model and the same card.
/// </summary>
public sealed class LikelihoodTrainer(IOptions<LearningOptions> options)
{
    private const int Seed = 20261207;

    // The better of two candidates is picked on the same held-out likelihoods the test then reads: the interval is
    // widened for two comparisons (Bonferroni, 97.5% each), so picking the luckier one does not pass for a gain.
    private const double TwoCandidatesZ = 2.241402727604947;
    private readonly LearningOptions settings = options.Value;

    public TrainingResult Train(string offerId, IReadOnlyList<LabelledLead> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        // In person order, so the same history read in another order trains the same model.
        var leads = history.OrderBy(lead => lead.PersonId, StringComparer.Ordinal).ToList();
        var started = Stopwatch.GetTimestamp();
        var fingerprint = Fingerprint(leads);
        var version = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{fingerprint[..8]}");
        var converted = leads.Count(lead => lead.Features.Label);
        var missed = leads.Count - converted;
        var features = Features();
        var validation = string.Create(CultureInfo.InvariantCulture, $"{settings.Folds}-fold cross-validation, stratified by outcome");
        if (leads.Count < settings.MinLabelled || converted < settings.MinPerOutcome || missed < settings.MinPerOutcome)
        {
            var verdict = string.Create(CultureInfo.InvariantCulture,
                $"Not trained: {leads.Count} scored leads have a known outcome ({converted} converted, {missed} not); learning needs at least {settings.MinLabelled}, with {settings.MinPerOutcome} of each.");
            return new TrainingResult(new ModelCard(offerId, version, now, ModelStatus.Waiting, verdict, leads.Count, converted, null, validation, null, null, [], features, [], fingerprint), null);
        }

        var ml = new MLContext(Seed);
        var folds = AssignFolds(leads);
        var score = Ranking.Measure([.. leads.Select(lead => ((double)lead.Score, lead.Features.Label))]);
        var scores = leads.Select(lead => ((double)lead.Score, lead.Features.Label)).ToList();
        var fits = new List<(Candidate Candidate, RankingMetrics Metrics, double[] OutOfFold)>();
        foreach (var candidate in Candidates)
        {
            var outOfFold = new double[leads.Count];
            for (var fold = 0; fold < settings.Folds; fold++)
            {
                var training = leads.Where((_, i) => folds[i] != fold).Select(lead => lead.Features).ToList();
                var model = candidate.Pipeline(ml).Fit(ml.Data.LoadFromEnumerable(training));
                var held = Enumerable.Range(0, leads.Count).Where(i => folds[i] == fold).ToList();
                var predicted = Likelihoods(ml, model, held.Select(i => leads[i].Features));
                for (var j = 0; j < held.Count; j++) outOfFold[held[j]] = predicted[j];
            }

            fits.Add((candidate, Ranking.Measure([.. leads.Select((lead, i) => (outOfFold[i], lead.Features.Label))]), outOfFold));
        }

        var (best, metrics, bestOutOfFold) = fits.MaxBy(fit => fit.Metrics.RocAuc);
        var candidates = fits.Select(fit => new CandidateFit(fit.Candidate.Name, fit.Metrics.RocAuc, fit.Metrics.PrAuc)).ToList();
        var (gain, gainLow, gainHigh) = Ranking.CompareRocAuc([.. leads.Select((lead, i) => (bestOutOfFold[i], lead.Features.Label))], scores, TwoCandidatesZ);
        var calibration = CalibrationError(bestOutOfFold, leads);
        var measuredGain = new RocAucGain(gain, gainLow, gainHigh);
        // Ahead by the margin, and ahead beyond the noise: a model picked as the best of two on a small history can
        // lead the score by chance.
        if (gain < settings.MinAucGain || gainLow <= 0)
        {
            var verdict = string.Create(CultureInfo.InvariantCulture,
                $"Not adopted: on leads it had not seen, the best model ({best.Name}) ranks with ROC-AUC {metrics.RocAuc:0.000} against the current score's {score.RocAuc:0.000}, a difference of {gain:+0.000;-0.000} (interval {gainLow:+0.000;-0.000} to {gainHigh:+0.000;-0.000}, 95% for the two candidates together); adopting needs at least {settings.MinAucGain:+0.000} with the whole interval above zero. Nothing changes: the score, and the model in use if there is one, stay; more outcomes may change this.");
            return new TrainingResult(new ModelCard(offerId, version, now, ModelStatus.Refused, verdict, leads.Count, converted, best.Name, validation, metrics, score, candidates, features, [], fingerprint)
            {
                Gain = measuredGain,
                TrainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
            }, null);
        }

        var final = best.Pipeline(ml).Fit(ml.Data.LoadFromEnumerable(leads.Select(lead => lead.Features)));
        var likelihoods = Likelihoods(ml, final, leads.Select(lead => lead.Features));
        var bytes = ConversionModel.Save(ml, final);
        var adopted = string.Create(CultureInfo.InvariantCulture,
            $"Adopted: on leads it had not seen, {best.Name} ranks with ROC-AUC {metrics.RocAuc:0.000} against the current score's {score.RocAuc:0.000}, {gain:+0.000} (interval {gainLow:+0.000} to {gainHigh:+0.000}, 95% for the two candidates together; top 20% lift {metrics.LiftTop20:0.0}× against {score.LiftTop20:0.0}×). New scores of this offer carry its likelihood; a rescore applies it to the leads scored before.");
        var card = new ModelCard(offerId, version, now, ModelStatus.Adopted, adopted, leads.Count, converted, best.Name, validation, metrics, score, candidates, features,
            Drivers.Find(leads.Select(lead => lead.Features).ToList(), likelihoods), fingerprint)
        {
            Gain = measuredGain,
            CalibrationError = calibration,
            SizeBytes = bytes.Length,
            TrainingSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        };
        return new TrainingResult(card, bytes);
    }

    /// <summary>
    /// A digest of the training set (person, outcome and every feature, in person order): the same history gives the
    /// same digest, so a training step delivered twice, or asked for when nothing changed, is recognised and skipped.
    /// </summary>
    public static string Fingerprint(IReadOnlyList<LabelledLead> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var lead in leads.OrderBy(lead => lead.PersonId, StringComparer.Ordinal))
        {
            var f = lead.Features;
            hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001f',
                lead.PersonId, lead.Score, f.Label, f.RolePoints, f.IndustryPoints, f.CompletenessPoints, f.AiConfidence, f.HasEmail, f.HasLinkedinUrl, f.HasRecordId,
                f.HasPhone, f.HasWebsite, f.MissingRole, f.MissingCompany, f.MissingIndustry, f.MissingBio, f.Seniority, f.Department, f.IndustryCategory, f.AiIntent) + "\u001e"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// How far the held-out likelihoods are from what happened: the leads in ten bands of likelihood, the mean gap
    /// between each band's mean likelihood and its conversion rate, weighted by size (0 is perfectly calibrated).
    /// </summary>
    private static double CalibrationError(double[] likelihoods, IReadOnlyList<LabelledLead> leads)
    {
        var ranked = likelihoods.Select((likelihood, i) => (Likelihood: likelihood, Converted: leads[i].Features.Label ? 1.0 : 0)).OrderBy(lead => lead.Likelihood).ToList();
        var error = 0.0;
        for (var band = 0; band < 10; band++)
        {
            var (from, to) = (band * ranked.Count / 10, (band + 1) * ranked.Count / 10);
            if (to <= from) continue;
            var leadsInBand = ranked.GetRange(from, to - from);
            error += Math.Abs(leadsInBand.Average(lead => lead.Likelihood) - leadsInBand.Average(lead => lead.Converted)) * leadsInBand.Count;
        }

        return Math.Round(error / ranked.Count, 4);
    }

    internal static float[] Likelihoods(MLContext ml, ITransformer model, IEnumerable<LeadFeatures> leads) =>
        [.. ml.Data.CreateEnumerable<LikelihoodPrediction>(model.Transform(ml.Data.LoadFromEnumerable(leads)), reuseRowObject: false)
            .Select(prediction => prediction.Probability)];

    /// <summary>Stratified folds: each outcome's leads shuffled (seeded) and dealt round robin, so every fold has its share of both.</summary>
    private int[] AssignFolds(IReadOnlyList<LabelledLead> leads)
    {
        var folds = new int[leads.Count];
        var random = new Random(Seed);
        foreach (var outcome in new[] { true, false })
        {
            var indices = Enumerable.Range(0, leads.Count).Where(i => leads[i].Features.Label == outcome)
                .OrderBy(i => leads[i].PersonId, StringComparer.Ordinal).ToArray();
            random.Shuffle(indices);
            for (var j = 0; j < indices.Length; j++) folds[indices[j]] = j % settings.Folds;
        }

        return folds;
    }

    private static List<string> Features() =>
        [.. LeadFeatures.Numeric.Select(column => column.Words), .. LeadFeatures.Categorical.Select(column => column.Words)];

    private sealed record Candidate(string Name, Func<MLContext, IEstimator<ITransformer>> Pipeline);

    private static readonly Candidate[] Candidates =
    [
        // No cache checkpoint: the rows are in memory already, and with one the 100,000-lead training measured slower.
        new("logistic regression", ml => Featurize(ml).Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(l2Regularization: 0.1f))),
        new("boosted trees (FastTree)", ml => Featurize(ml)
            .Append(ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: 16, numberOfTrees: 100, minimumExampleCountPerLeaf: 20, learningRate: 0.1))),
    ];

    /// <summary>The categories one-hot encoded, concatenated with the numbers into the "Features" vector.</summary>
    private static IEstimator<ITransformer> Featurize(MLContext ml) =>
        ml.Transforms.Categorical.OneHotEncoding([.. LeadFeatures.Categorical.Select(column => new InputOutputColumnPair(column.Column + "Code", column.Column))])
            .Append(ml.Transforms.Concatenate("Features",
                [.. LeadFeatures.Numeric.Select(column => column.Column), .. LeadFeatures.Categorical.Select(column => column.Column + "Code")]));
}

/// <summary>A training's card, and the model file when it was adopted.</summary>
public sealed record TrainingResult(ModelCard Card, byte[]? Model);

/// <summary>The calibrated likelihood a binary trainer writes to its "Probability" column.</summary>
internal sealed class LikelihoodPrediction
{
    public float Probability { get; set; }
}
