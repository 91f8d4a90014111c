using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Rules;

/// <summary>Rejects at start-up a configured keyword that could never match (blank, or only punctuation).</summary>
internal sealed class RuleOptionsValidator : IValidateOptions<RuleOptions>
{
    public ValidateOptionsResult Validate(string? name, RuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(nameof(RuleOptions.DecisionMakers), options.DecisionMakers, failures);
        Check(nameof(RuleOptions.SeniorRoles), options.SeniorRoles, failures);
        Check(nameof(RuleOptions.Influencers), options.Influencers, failures);
        Check(nameof(RuleOptions.TargetIndustries), options.TargetIndustries, failures);
        Check(nameof(RuleOptions.AdjacentIndustries), options.AdjacentIndustries, failures);
        Check(nameof(RuleOptions.NeutralIndustries), options.NeutralIndustries, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string table, IReadOnlyList<string>? keywords, List<string> failures)
    {
        if (keywords is null) return;
        for (var i = 0; i < keywords.Count; i++)
        {
            if (!KeywordText.HasWords(keywords[i]))
            {
                failures.Add($"{RuleOptions.SectionName}:{table}:{i} has no letters or digits, so it can never match.");
            }
        }
    }
}
