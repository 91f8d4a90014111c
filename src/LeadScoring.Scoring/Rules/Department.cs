using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Rules;

/// <summary>The function a title works in, as <see cref="TitleReader"/> reads it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Department>))]
public enum Department
{
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    [JsonStringEnumMemberName("executive")]
    Executive,

    [JsonStringEnumMemberName("sales")]
    Sales,

    [JsonStringEnumMemberName("marketing")]
    Marketing,

    [JsonStringEnumMemberName("engineering")]
    Engineering,

    [JsonStringEnumMemberName("it")]
    It,

    [JsonStringEnumMemberName("product")]
    Product,

    [JsonStringEnumMemberName("design")]
    Design,

    [JsonStringEnumMemberName("data")]
    Data,

    [JsonStringEnumMemberName("finance")]
    Finance,

    [JsonStringEnumMemberName("hr")]
    Hr,

    [JsonStringEnumMemberName("operations")]
    Operations,

    [JsonStringEnumMemberName("customer_success")]
    CustomerSuccess,

    [JsonStringEnumMemberName("legal")]
    Legal,

    [JsonStringEnumMemberName("procurement")]
    Procurement,

    [JsonStringEnumMemberName("research")]
    Research,

    [JsonStringEnumMemberName("education")]
    Education,

    [JsonStringEnumMemberName("healthcare")]
    Healthcare,
}
