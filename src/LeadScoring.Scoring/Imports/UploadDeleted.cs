namespace LeadScoring.Scoring.Imports;

/// <summary>What deleting an upload removed.</summary>
public sealed record UploadDeleted(string UploadId, int LeadsDeleted, int ResultsDeleted);
