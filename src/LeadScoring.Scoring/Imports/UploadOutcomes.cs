namespace LeadScoring.Scoring.Imports;

/// <summary>
/// The outcomes a lead file carried (a HubSpot export with Lifecycle Stage, a Salesforce report with Lead Status):
/// how many rows said what became of the lead, by kind, and the offer they are recorded for; null
/// <see cref="OfferId"/> with a <see cref="Note"/> when none exists yet.
/// </summary>
public sealed record UploadOutcomes(string? OfferId, int Rows, int Positive, int Negative, int Open)
{
    public string? Note { get; init; }
}
