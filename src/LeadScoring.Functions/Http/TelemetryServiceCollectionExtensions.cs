using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Functions.Http;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Sends the worker's own telemetry (our logs, dependencies) to Application Insights when a connection string
    /// is configured; without one (locally, in tests) nothing is added.
    /// </summary>
    public static IServiceCollection AddLeadScoringTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"])) return services;

        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        // infra/ turns local (key) authentication off on Application Insights: telemetry must carry an Entra ID
        // token of the app's user-assigned identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING names it for the host).
        if (configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true)
        {
            var clientId = configuration["AZURE_CLIENT_ID"];
            services.Configure<TelemetryConfiguration>(telemetry => telemetry.SetAzureTokenCredential(
                string.IsNullOrWhiteSpace(clientId)
                    ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
        }

        return services;
    }
}
