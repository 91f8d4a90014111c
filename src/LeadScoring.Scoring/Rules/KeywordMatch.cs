namespace LeadScoring.Scoring.Rules;

/// <summary>The tier a text was placed in and the table keyword (as configured) that placed it there.</summary>
internal sealed record KeywordMatch<TTier>(TTier Tier, string Keyword) where TTier : struct, Enum;
