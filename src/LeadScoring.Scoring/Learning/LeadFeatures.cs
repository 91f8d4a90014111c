using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Learning;

/// <summary>
/// What the learned likelihood reads of a scored lead: what the service already knows about it (the rule components,
/// the title's level and function, the industry's category, which fields and identifiers it has, the AI's intent and
/// confidence when the model judged it). Never a name, an email or a company: a model that learned those would learn
/// people, not patterns, and would carry them in its file.
/// </summary>
public sealed class LeadFeatures
{
    /// <summary>The numeric columns, in the order the model concatenates them; the card names them in words.</summary>
    internal static readonly (string Column, string Words)[] Numeric =
    [
        (nameof(RolePoints), "role points"),
        (nameof(IndustryPoints), "industry points"),
        (nameof(CompletenessPoints), "completeness points"),
        (nameof(AiConfidence), "the AI's confidence"),
        (nameof(HasEmail), "an email"),
        (nameof(HasLinkedinUrl), "a LinkedIn URL"),
        (nameof(HasRecordId), "a CRM record id"),
        (nameof(HasPhone), "a phone number"),
        (nameof(HasWebsite), "a website"),
        (nameof(MissingRole), "no title"),
        (nameof(MissingCompany), "no company"),
        (nameof(MissingIndustry), "no industry"),
        (nameof(MissingBio), "no LinkedIn bio"),
    ];

    /// <summary>The categorical columns, one-hot encoded, with what the card calls them.</summary>
    internal static readonly (string Column, string Words)[] Categorical =
    [
        (nameof(Seniority), "seniority read from the title"),
        (nameof(Department), "department read from the title"),
        (nameof(IndustryCategory), "industry category"),
        (nameof(AiIntent), "the AI's intent"),
    ];

    public const string None = "none";

    public float RolePoints { get; set; }

    public float IndustryPoints { get; set; }

    public float CompletenessPoints { get; set; }

    public float AiConfidence { get; set; }

    public float HasEmail { get; set; }

    public float HasLinkedinUrl { get; set; }

    public float HasRecordId { get; set; }

    public float HasPhone { get; set; }

    public float HasWebsite { get; set; }

    public float MissingRole { get; set; }

    public float MissingCompany { get; set; }

    public float MissingIndustry { get; set; }

    public float MissingBio { get; set; }

    public string Seniority { get; set; } = None;

    public string Department { get; set; } = None;

    public string IndustryCategory { get; set; } = None;

    /// <summary>"high", "medium" or "low" when the model judged the lead; "none" for the rule fallback.</summary>
    public string AiIntent { get; set; } = None;

    /// <summary>Whether the lead converted: the label when training, ignored when predicting.</summary>
    public bool Label { get; set; }

    public static LeadFeatures Of(ScoredLead scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var (lead, breakdown) = (scored.Lead, scored.Score.Breakdown);
        var judged = breakdown.AiSource == IntentSource.Ai;
        return new LeadFeatures
        {
            RolePoints = breakdown.RolePoints,
            IndustryPoints = breakdown.IndustryPoints,
            CompletenessPoints = breakdown.CompletenessPoints,
            AiConfidence = judged ? (float)(breakdown.AiConfidence ?? 0) : 0,
            HasEmail = Flag(lead.Email),
            HasLinkedinUrl = Flag(lead.LinkedinUrl),
            HasRecordId = Flag(lead.RecordId),
            HasPhone = Flag(lead.Phone),
            HasWebsite = Flag(lead.Website),
            MissingRole = 1 - Flag(lead.Role),
            MissingCompany = 1 - Flag(lead.Company),
            MissingIndustry = 1 - Flag(lead.Industry),
            MissingBio = 1 - Flag(lead.LinkedinBio),
            Seniority = breakdown.TitleSeniority == TitleSeniority.Unknown ? None : breakdown.TitleSeniority.WireName(),
            Department = breakdown.TitleDepartment == Rules.Department.Unknown ? None : breakdown.TitleDepartment.WireName(),
            IndustryCategory = breakdown.IndustryCategory ?? None,
            AiIntent = judged ? breakdown.AiIntent.ToString().ToLowerInvariant() : None,
        };
    }

    private static float Flag(string value) => string.IsNullOrWhiteSpace(value) ? 0 : 1;
}
