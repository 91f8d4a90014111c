using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Scores;

/// <summary>A lead with its score for one offer: a row of <c>GET /results</c> and of the CSV export.</summary>
public sealed record ScoredLead(Lead Lead, LeadScore Score);
