namespace LeadScoring.Scoring.Rules;

/// <summary>The keyword tables of the rule layer (configuration section "Rules"), defaulting to the seed's.</summary>
public sealed class RuleOptions
{
    public const string SectionName = "Rules";
    // TODO(rules): the seed's six tables as defaults.
}
