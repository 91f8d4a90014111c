using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Rules;

public static class RuleServiceCollectionExtensions
{
    public static IServiceCollection AddLeadRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RuleOptions>().Bind(configuration.GetSection(RuleOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleOptions>, RuleOptionsValidator>());
        services.AddSingleton<RuleScorer>();
        return services;
    }
}
