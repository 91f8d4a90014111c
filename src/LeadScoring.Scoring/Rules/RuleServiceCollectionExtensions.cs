using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Rules;

public static class RuleServiceCollectionExtensions
{
    public static IServiceCollection AddLeadRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuleOptions>().Bind(configuration.GetSection(RuleOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<RuleScorer>();
        return services;
    }
}
