using LeadScoring.LocalHost;

// Runs the Functions app's own classes locally (Core Tools cannot be installed everywhere):
// same host.json, same local.settings.json, same composition.
LeadScoringLocalHost.Build(WebApplication.CreateBuilder(args)).Run();

/// <summary>Entry point, public so tests can start the host in-process.</summary>
public partial class Program;
