using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Rules;

/// <summary>
/// A title holder's own level, as <see cref="TitleReader"/> reads it. Ordered by precedence: of two levels one title
/// names, the later wins. That is the more senior one, except that an intern outranks entry and an assistant outranks
/// entry and senior, since they qualify the role ("Alternant développeur" is an intern, "Senior Executive Assistant"
/// an assistant).
/// The wire names follow Apollo's seniority values where there is one.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TitleSeniority>))]
public enum TitleSeniority
{
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    [JsonStringEnumMemberName("entry")]
    Entry,

    [JsonStringEnumMemberName("intern")]
    Intern,

    [JsonStringEnumMemberName("senior")]
    Senior,

    [JsonStringEnumMemberName("assistant")]
    Assistant,

    [JsonStringEnumMemberName("manager")]
    Manager,

    [JsonStringEnumMemberName("director")]
    Director,

    [JsonStringEnumMemberName("head")]
    Head,

    [JsonStringEnumMemberName("vp")]
    VP,

    [JsonStringEnumMemberName("partner")]
    Partner,

    [JsonStringEnumMemberName("c_level")]
    CLevel,

    [JsonStringEnumMemberName("owner")]
    Owner,
}
