namespace LeadScoring.Scoring.Rules;

public enum IndustryTier { None, Neutral, Adjacent, Target }
