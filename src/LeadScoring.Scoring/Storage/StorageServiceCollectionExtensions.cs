using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring.Storage;

public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddLeadStorage(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }
}
