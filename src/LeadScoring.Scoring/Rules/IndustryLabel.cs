namespace LeadScoring.Scoring.Rules;

/// <summary>
/// An industry as read: the <see cref="Category"/> it belongs to, and the seed keyword it reads as
/// (<see cref="ReadsAs"/>: "software", "healthcare"...; null when it takes no tier), from the label a source wrote.
/// </summary>
public sealed record IndustryLabel(string Label, string Category, string? ReadsAs);
