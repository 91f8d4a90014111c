namespace LeadScoring.Scoring.Rules;

public enum RoleTier { None, Influencer, Senior, DecisionMaker }
