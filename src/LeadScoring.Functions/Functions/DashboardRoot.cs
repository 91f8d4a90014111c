using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>Sends a browser that opens the app's root URL to the dashboard.</summary>
public sealed class DashboardRoot
{
    // The Functions host does not match an empty route (Azure/Azure-Functions#2473); an optional parameter
    // that must be empty matches "/" and nothing else, and every literal route (health, offers…) still wins.
    [Function(nameof(DashboardRoot))]
    public RedirectHttpResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{root:maxlength(0)?}")] HttpRequest request) =>
        TypedResults.Redirect("/app/");
}
