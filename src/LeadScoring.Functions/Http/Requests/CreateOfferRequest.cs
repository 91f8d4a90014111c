using LeadScoring.Scoring.Offers;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>Body of <c>POST /offer</c>. Everything is nullable so a missing field is reported by name, not as a parse error.</summary>
public sealed record CreateOfferRequest(
    string? Name = null,
    TextOrList? ValueProps = null,
    TextOrList? IdealUseCases = null,
    IReadOnlyList<string>? DecisionMakers = null,
    IReadOnlyList<string>? SeniorRoles = null,
    IReadOnlyList<string>? Influencers = null,
    IReadOnlyList<string>? TargetIndustries = null,
    IReadOnlyList<string>? AdjacentIndustries = null,
    IReadOnlyList<string>? NeutralIndustries = null)
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxKeywords = 100;
    public const int MaxKeywordLength = 100;

    /// <summary>Field errors keyed by the JSON field name; empty when the offer is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        RequireText(errors, "name", Name, MaxNameLength);
        RequireTextOrList(errors, "value_props", ValueProps);
        RequireTextOrList(errors, "ideal_use_cases", IdealUseCases);
        CheckKeywords(errors, "decision_makers", DecisionMakers);
        CheckKeywords(errors, "senior_roles", SeniorRoles);
        CheckKeywords(errors, "influencers", Influencers);
        CheckKeywords(errors, "target_industries", TargetIndustries);
        CheckKeywords(errors, "adjacent_industries", AdjacentIndustries);
        CheckKeywords(errors, "neutral_industries", NeutralIndustries);
        return errors;
    }

    /// <summary>The offer to store; call after <see cref="Validate"/> found nothing.</summary>
    public OfferDraft ToDraft() => new(
        Name!.Trim(),
        ValueProps!.Joined!.Trim(),
        IdealUseCases!.Joined!.Trim(),
        new KeywordOverrides(
            Clean(DecisionMakers), Clean(SeniorRoles), Clean(Influencers),
            Clean(TargetIndustries), Clean(AdjacentIndustries), Clean(NeutralIndustries)))
    {
        ValuePropsList = Clean(ValueProps.Items),
        IdealUseCasesList = Clean(IdealUseCases.Items),
    };

    // A list counts as its items joined: the same limit as one text, and no blank item.
    private static void RequireTextOrList(Dictionary<string, string[]> errors, string field, TextOrList? value)
    {
        if (value?.Items is { } items && items.Any(string.IsNullOrWhiteSpace))
        {
            errors[field] = [$"Each item of '{field}' must be non-blank."];
            return;
        }

        RequireText(errors, field, value?.Joined, MaxTextLength);
    }

    private static void RequireText(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [$"The field '{field}' is required."];
        else if (value.Length > maxLength) errors[field] = [$"The field '{field}' must be at most {maxLength} characters."];
    }

    private static void CheckKeywords(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? keywords)
    {
        if (keywords is null) return;
        if (keywords.Count > MaxKeywords) errors[field] = [$"The field '{field}' may list at most {MaxKeywords} keywords."];
        else if (keywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > MaxKeywordLength))
            errors[field] = [$"Each keyword in '{field}' must be non-blank and at most {MaxKeywordLength} characters."];
    }

    private static IReadOnlyList<string>? Clean(IReadOnlyList<string>? keywords) =>
        keywords?.Select(k => k.Trim()).ToList();
}
