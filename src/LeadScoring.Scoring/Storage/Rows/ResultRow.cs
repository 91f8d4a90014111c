namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>
/// Table <c>results</c>, row "score|{100-score:D3}|{leadId}": the lead's fields and its whole result; its copy under
/// "likely|{10000-likelihood×10000:D5}|{leadId}" when it has a likelihood.
/// </summary>
internal sealed class ResultRow : LeadFieldsRow
{
    public string? LeadId { get; set; }

    public int Score { get; set; }

    public string? Intent { get; set; }

    public string? Reasoning { get; set; }

    public int RolePoints { get; set; }

    public string? RoleKeyword { get; set; }

    public int IndustryPoints { get; set; }

    public string? IndustryKeyword { get; set; }

    /// <summary>The title reader's level ("vp"); absent on results scored before titles were read.</summary>
    public string? TitleSeniority { get; set; }

    /// <summary>The title reader's department ("sales").</summary>
    public string? TitleDepartment { get; set; }

    /// <summary>The category the industry label was read as ("Healthcare").</summary>
    public string? IndustryCategory { get; set; }

    public int CompletenessPoints { get; set; }

    /// <summary>JSON array of field names.</summary>
    public string? MissingFields { get; set; }

    public int AiPoints { get; set; }

    public string? AiIntent { get; set; }

    public double? AiConfidence { get; set; }

    public string? AiSource { get; set; }

    public string? FallbackReason { get; set; }

    /// <summary>The likelihood to convert under the offer's adopted model (0–1); absent without one.</summary>
    public double? ConversionLikelihood { get; set; }

    public string? ModelVersion { get; set; }

    public string? RunId { get; set; }

    public DateTimeOffset? ScoredAt { get; set; }
}
