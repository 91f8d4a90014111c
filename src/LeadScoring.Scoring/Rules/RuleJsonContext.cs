using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Rules;

/// <summary>The readings' wire names ("c_level", "customer_success"), as the API and the stored results write them.</summary>
[JsonSerializable(typeof(TitleSeniority))]
[JsonSerializable(typeof(Department))]
internal sealed partial class RuleJsonContext : JsonSerializerContext;
