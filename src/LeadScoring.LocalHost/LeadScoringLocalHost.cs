using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Http;
using LeadScoring.Scoring;

namespace LeadScoring.LocalHost;

/// <summary>
/// The local host's one composition: the function app's classes, its services and the local triggers. Program.cs
/// runs it; the reliability tests start it in-process with their own settings, so both run the same host.
/// </summary>
public static class LeadScoringLocalHost
{
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddLocalFunctionsHost(typeof(Health).Assembly);
        builder.Services.AddLeadScoring(builder.Configuration);
        builder.Services.AddLeadScoringHttp();
        var app = builder.Build();
        app.MapLocalFunctions();
        return app;
    }
}
