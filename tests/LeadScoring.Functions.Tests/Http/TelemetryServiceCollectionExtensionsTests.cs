using System.Reflection;
using LeadScoring.Functions.Http;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Tests.Http;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Fact]
    public void Telemetry_is_not_added_without_a_connection_string()
    {
        var services = new ServiceCollection();

        services.AddLeadScoringTelemetry(Configuration([]));

        Assert.DoesNotContain(services, service => service.ServiceType == typeof(TelemetryClient));
    }

    [Fact]
    public async Task Telemetry_uses_the_managed_identity_when_entra_authentication_is_required()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new()
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://localhost/",
            ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "ClientId=11111111-1111-1111-1111-111111111111;Authorization=AAD",
            ["AZURE_CLIENT_ID"] = "11111111-1111-1111-1111-111111111111",
        });
        services.AddSingleton(configuration);
        services.AddLeadScoringTelemetry(configuration);
        await using var provider = services.BuildServiceProvider();

        var telemetry = provider.GetRequiredService<IOptions<TelemetryConfiguration>>().Value;

        Assert.Contains(services, service => service.ServiceType == typeof(TelemetryClient));
        // The SDK keeps the credential internal; without it, ingestion with local auth off rejects every item.
        var credential = typeof(TelemetryConfiguration).GetProperty("CredentialEnvelope", BindingFlags.Instance | BindingFlags.NonPublic)!;
        Assert.NotNull(credential.GetValue(telemetry));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
