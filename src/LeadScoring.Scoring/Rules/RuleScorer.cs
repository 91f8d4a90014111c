using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Rules;

/// <summary>The deterministic half of a score: role, industry and completeness (0–50).</summary>
public sealed class RuleScorer(IOptions<RuleOptions> options)
{
    public RuleScore Score(Lead lead, Offer offer) => throw new NotImplementedException(options.Value.ToString());
}
