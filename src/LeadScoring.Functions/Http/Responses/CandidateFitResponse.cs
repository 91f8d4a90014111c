using LeadScoring.Scoring.Learning;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>A trainer tried, and the held-out ROC-AUC and PR-AUC of its out-of-fold likelihoods.</summary>
public sealed record CandidateFitResponse(string Trainer, double RocAuc, double PrAuc)
{
    public static CandidateFitResponse From(CandidateFit fit) => new(fit.Trainer, fit.RocAuc, fit.PrAuc);
}
