using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Http;
using LeadScoring.LocalHost;
using LeadScoring.Scoring;

// Runs the Functions app's own classes locally (Core Tools cannot be installed everywhere):
// same host.json, same local.settings.json, same composition.
var builder = WebApplication.CreateBuilder(args);
builder.AddLocalFunctionsHost(typeof(Health).Assembly);
builder.Services.AddLeadScoring(builder.Configuration);
builder.Services.AddLeadScoringHttp();
var app = builder.Build();
app.MapLocalFunctions();
app.Run();

/// <summary>Entry point, public so tests can start the host in-process.</summary>
public partial class Program;
