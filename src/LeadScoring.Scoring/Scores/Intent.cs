namespace LeadScoring.Scoring.Scores;

public enum Intent { Low, Medium, High }
