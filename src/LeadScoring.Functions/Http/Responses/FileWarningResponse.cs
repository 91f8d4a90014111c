using LeadScoring.Scoring.Leads;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>Something the whole file lacks: the lead field no column is read as, what every lead loses, and the mapping that would fix it (JSON; null when no column looks like it).</summary>
public sealed record FileWarningResponse(string Field, string Message, string? SuggestedMapping)
{
    public static FileWarningResponse From(FileWarning warning) => new(warning.Field, warning.Message, warning.SuggestedMapping);
}
