using LeadScoring.Scoring.Learning;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>How much higher the model's held-out ROC-AUC is than the score's, with its paired 95% interval.</summary>
public sealed record RocAucGainResponse(double Difference, double Low, double High)
{
    public static RocAucGainResponse From(RocAucGain gain) => new(gain.Difference, gain.Low, gain.High);
}
