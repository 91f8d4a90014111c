namespace LeadScoring.Scoring.Learning;

/// <summary>A lead's calibrated likelihood to convert (0–1) and the version of the offer's model that gave it.</summary>
public sealed record ConversionLikelihood(double Value, string ModelVersion);
