namespace LeadScoring.Scoring.Runs;

/// <summary>How a lead ended in a run; each lead is counted once, whichever comes first.</summary>
public enum LeadOutcome { Scored, Failed }
