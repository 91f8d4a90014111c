using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Support;

/// <summary>Stored results built directly, for tests about reading results rather than producing them.</summary>
internal static class StoredResults
{
    public static LeadResult Scored(string leadId, int score, string runId = "run-1")
    {
        var intent = score >= 80 ? Intent.High : score >= 50 ? Intent.Medium : Intent.Low;
        var lead = new Lead(leadId, $"Lead {leadId}", "CEO", "Acme", "saas", "Oslo", "bio");
        var breakdown = new ScoreBreakdown(20, "ceo", 20, "saas", 10, [], score - 50, intent, 0.9, IntentSource.Ai, null);
        return new LeadResult(new ScoredLead(lead, new LeadScore(score, intent, $"Reason {leadId}", breakdown)), runId, DateTimeOffset.UnixEpoch);
    }

    /// <summary>The person <see cref="Scored"/>'s lead for that id is (results are stored by person).</summary>
    public static string PersonOf(string leadId) => ResultTable.PersonOf(Scored(leadId, 0).Scored.Lead);

    public static async Task SeedAsync(TestApp app, string offerId, params (string LeadId, int Score)[] results)
    {
        foreach (var (leadId, score) in results)
        {
            await app.Get<ResultTable>().UpsertAsync(offerId, Scored(leadId, score), TestApp.Cancellation);
        }
    }
}
