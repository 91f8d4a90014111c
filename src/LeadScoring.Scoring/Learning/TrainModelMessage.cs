namespace LeadScoring.Scoring.Learning;

/// <summary>
/// A message of the <c>train-models</c> queue: train the offer's likelihood on its history, which changed at
/// <paramref name="RequestedAt"/> (outcomes recorded, or a run scored its leads).
/// </summary>
public sealed record TrainModelMessage(string OfferId, DateTimeOffset RequestedAt);
