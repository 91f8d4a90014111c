using System.Text.Json.Serialization;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>
/// A row of <c>GET /results</c>: the seed's fields first, then where the score came from. <see cref="Source"/> and
/// <see cref="FallbackReason"/> are written as their <c>JsonStringEnumMemberName</c> ("fallback", "ai_quota").
/// The columns kept from the file (record id, email...) follow as properties of their own (<see cref="Kept"/>), so a
/// team can take the scores back into its CRM.
/// <see cref="PersonId"/> is the same for every upload of the person; <see cref="LeadId"/> names the version scored.
/// <see cref="TitleSeniority"/>, <see cref="TitleDepartment"/> and <see cref="IndustryCategory"/> say how the title and
/// the industry were read (null where nothing was). <see cref="ConversionLikelihood"/> is the lead's calibrated
/// likelihood to convert (0–1) under the offer's adopted model, <see cref="ModelVersion"/> that model's version; both
/// null while the offer has none, or for a lead scored before it was adopted.
/// </summary>
public sealed record ResultResponse(
    string LeadId,
    string Name,
    string Company,
    string Role,
    string Industry,
    int Score,
    string Intent,
    string Reasoning,
    string Location,
    IntentSource Source,
    FallbackReason? FallbackReason,
    ScoreBreakdownResponse Breakdown,
    string RunId,
    DateTimeOffset ScoredAt,
    string PersonId,
    string? TitleSeniority,
    string? TitleDepartment,
    string? IndustryCategory,
    double? ConversionLikelihood,
    string? ModelVersion)
{
    public static ResultResponse From(LeadResult result)
    {
        var (lead, score) = (result.Scored.Lead, result.Scored.Score);
        var b = score.Breakdown;
        var response = new ResultResponse(
            lead.Id, lead.Name, lead.Company, lead.Role, lead.Industry,
            score.Score, score.Intent.ToString(), score.Reasoning, lead.Location,
            b.AiSource,
            b.FallbackReason,
            new ScoreBreakdownResponse(
                b.RolePoints, b.RoleKeyword, b.IndustryPoints, b.IndustryKeyword, b.CompletenessPoints, b.MissingFields,
                b.AiPoints, b.AiIntent.ToString(), b.AiConfidence),
            result.RunId,
            result.ScoredAt,
            ResultTable.PersonOf(lead),
            b.TitleSeniority == Scoring.Rules.TitleSeniority.Unknown ? null : b.TitleSeniority.WireName(),
            b.TitleDepartment == Scoring.Rules.Department.Unknown ? null : b.TitleDepartment.WireName(),
            b.IndustryCategory,
            result.Likelihood?.Value,
            result.Likelihood?.ModelVersion);
        foreach (var field in LeadFields.Kept) response.Kept[field.WireName] = field.Of(lead);
        return response;
    }

    /// <summary>The columns kept from the file (<see cref="LeadFields.Kept"/>: record id, email...), each a property of the row.</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Kept { get; } = new(StringComparer.Ordinal);
}
