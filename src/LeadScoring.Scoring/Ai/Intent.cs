namespace LeadScoring.Scoring.Ai;

public enum Intent { Low, Medium, High }
