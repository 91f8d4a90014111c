using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// What became of a lead for an offer: it converted (a customer, a won deal, a converted or sales-qualified lead), it
/// did not (lost, disqualified), or it is still open. Open outcomes are kept but do not count in an evaluation.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutcomeKind>))]
public enum OutcomeKind
{
    [JsonStringEnumMemberName("open")]
    Open,

    [JsonStringEnumMemberName("negative")]
    Negative,

    [JsonStringEnumMemberName("positive")]
    Positive,
}
