using LeadScoring.Functions.Http;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Scoring;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.Services.AddLeadScoring(builder.Configuration);
builder.Services.AddLeadScoringHttp();
builder.Services.AddLeadScoringTelemetry(builder.Configuration);
builder.Build().Run();
