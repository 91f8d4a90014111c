using System.Security.Cryptography;
using System.Text;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// Judgements remembered by content (<see cref="JudgementKey"/>), so a rescore or a re-upload of the same people costs
/// no call. Storage implements it; without one registered, every lead is asked about.
/// </summary>
public interface IJudgementCache
{
    Task<RememberedJudgement?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, RememberedJudgement judgement, CancellationToken cancellationToken);
}

/// <summary>What is remembered of a model's judgement: enough to give it again, and when it was made.</summary>
public sealed record RememberedJudgement(Intent Intent, double Confidence, string Reason, DateTimeOffset JudgedAt);

/// <summary>
/// The key of a judgement: SHA-256 over the model, the prompt's version and exactly the offer and lead fields the model
/// sees (not the lead id), so a changed field, prompt or model is a new question.
/// </summary>
public static class JudgementKey
{
    public static string For(string model, Offer offer, Lead lead)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(lead);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{model}\n{ClassificationPrompt.Version}\n"));
        hash.AppendData(ClassificationPrompt.ContentOf(offer, lead));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
