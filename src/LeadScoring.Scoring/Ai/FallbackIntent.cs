using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Ai;

/// <summary>The seed's heuristic (45/25/15/5) used when the model cannot answer.</summary>
/// <remarks>
/// Decision maker in a target industry: High 45. Decision maker elsewhere, or senior role in a target industry:
/// Medium 25. Influencer, or an adjacent industry: Medium 15. Anything else: Low 5.
/// </remarks>
public static class FallbackIntent
{
    public static IntentJudgement Judge(RuleScore rules, FallbackReason reason)
    {
        ArgumentNullException.ThrowIfNull(rules);

        var (intent, points) = (rules.RoleTier, rules.IndustryTier) switch
        {
            (RoleTier.DecisionMaker, IndustryTier.Target) => (Intent.High, 45),
            (RoleTier.DecisionMaker, _) or (RoleTier.Senior, IndustryTier.Target) => (Intent.Medium, 25),
            (RoleTier.Influencer, _) or (_, IndustryTier.Adjacent) => (Intent.Medium, 15),
            _ => (Intent.Low, 5),
        };
        return new IntentJudgement(intent, points, Explain(rules, reason), IntentSource.Fallback, Confidence: null, FallbackReason: reason);
    }

    // One line for the results' reasoning column, built only from the tiers, the table keywords that matched and the
    // reader's words for the title (never from the lead's free text as such, or the AI's error, which could carry a
    // prompt or a key). A title's reading quotes at most a few of its words, folded to letters and digits.
    private static string Explain(RuleScore rules, FallbackReason reason)
    {
        var why = reason switch
        {
            FallbackReason.AiNotConfigured => "AI not configured",
            FallbackReason.AiUnavailable => "AI unavailable",
            FallbackReason.AiTimeout => "AI timed out",
            FallbackReason.AiQuota => "AI quota exhausted",
            FallbackReason.AiQuotaDaily => "AI daily quota spent",
            FallbackReason.AiMisconfigured => "AI misconfigured",
            FallbackReason.AiBlocked => "AI response blocked",
            FallbackReason.AiInvalidResponse => "AI response invalid",
            _ => "AI not used",
        };
        var where = DepartmentPhrase(rules.TitleDepartment) is { } department ? " in " + department : "";
        var role = rules.RoleTier switch
        {
            RoleTier.DecisionMaker => $"decision maker{where} ({rules.RoleKeyword})",
            RoleTier.Senior => $"senior role{where} ({rules.RoleKeyword})",
            RoleTier.Influencer => $"influencer role{where} ({rules.RoleKeyword})",
            _ when rules.RoleKeyword is { } read => rules.TitleSeniority switch
            {
                TitleSeniority.Assistant => $"an assistant{where} ({read})",
                TitleSeniority.Intern => $"an intern{where} ({read})",
                _ => $"an individual contributor{where} ({read})",
            },
            _ => "no recognised role",
        };
        var industry = rules.IndustryTier switch
        {
            IndustryTier.Target => $"a target industry ({rules.IndustryKeyword})",
            IndustryTier.Adjacent => $"an adjacent industry ({rules.IndustryKeyword})",
            IndustryTier.Neutral => $"a neutral industry ({rules.IndustryKeyword})",
            _ => "an unmatched industry",
        };
        return $"Rule fallback ({why}): {role} in {industry}.";
    }

    /// <summary>How a department reads in a sentence; null when the title named none.</summary>
    private static string? DepartmentPhrase(Department department) => department switch
    {
        Department.Unknown => null,
        Department.Executive => "the executive office",
        Department.It => "IT",
        Department.Hr => "HR",
        Department.CustomerSuccess => "customer success",
        _ => department.WireName(),
    };
}
