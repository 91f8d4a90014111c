using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// What a column of an uploaded file can hold: the lead's fields, the parts some exports split them into (first and
/// last name; city, state and country), the extra columns kept beside them, and the columns that say what became of
/// the lead (an outcome, a lead status, a lifecycle or deal stage, converted). The wire names are the ones a
/// <c>mapping</c> uses.
/// </summary>
public enum LeadField
{
    [JsonStringEnumMemberName("name")]
    Name,

    [JsonStringEnumMemberName("first_name")]
    FirstName,

    [JsonStringEnumMemberName("last_name")]
    LastName,

    [JsonStringEnumMemberName("role")]
    Role,

    [JsonStringEnumMemberName("company")]
    Company,

    [JsonStringEnumMemberName("industry")]
    Industry,

    [JsonStringEnumMemberName("location")]
    Location,

    [JsonStringEnumMemberName("city")]
    City,

    [JsonStringEnumMemberName("state")]
    State,

    [JsonStringEnumMemberName("country")]
    Country,

    [JsonStringEnumMemberName("linkedin_bio")]
    LinkedinBio,

    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("phone")]
    Phone,

    [JsonStringEnumMemberName("linkedin_url")]
    LinkedinUrl,

    [JsonStringEnumMemberName("website")]
    Website,

    [JsonStringEnumMemberName("seniority")]
    Seniority,

    [JsonStringEnumMemberName("department")]
    Department,

    [JsonStringEnumMemberName("record_id")]
    RecordId,

    // What became of the lead (Outcomes/OutcomeValues): read into an outcome, not kept as lead data.
    [JsonStringEnumMemberName("outcome")]
    Outcome,

    [JsonStringEnumMemberName("lead_status")]
    LeadStatus,

    [JsonStringEnumMemberName("lifecycle_stage")]
    LifecycleStage,

    [JsonStringEnumMemberName("stage")]
    Stage,

    [JsonStringEnumMemberName("converted")]
    Converted,
}
