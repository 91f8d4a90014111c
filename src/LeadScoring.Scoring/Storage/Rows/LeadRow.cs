namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>leads</c>: one lead, partition = upload id, row = line number (D8).</summary>
internal sealed class LeadRow : LeadFieldsRow;
