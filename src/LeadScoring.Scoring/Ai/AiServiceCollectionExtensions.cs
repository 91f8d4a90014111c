using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Ai;

public static class AiServiceCollectionExtensions
{
    public static IServiceCollection AddIntentClassifier(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddSingleton<IntentClassifier>();
        return services;
    }
}
