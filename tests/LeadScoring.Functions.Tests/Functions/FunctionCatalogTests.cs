using System.Reflection;
using LeadScoring.Functions.Functions;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Tests.Functions;

/// <summary>The routes, methods and keys of the API as the brief fixes them, read from the functions' own attributes.</summary>
public sealed class FunctionCatalogTests
{
    private static readonly MethodInfo[] Functions = typeof(Health).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods())
        .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToArray();

    [Fact]
    public void Http_functions_serve_the_brief_routes_with_function_keys_except_health_and_the_dashboard()
    {
        var routes = Functions
            .Select(method => (Method: method, Trigger: method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(t => t is not null)))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Method.DeclaringType!.Name, string.Join(",", f.Trigger!.Methods!), f.Trigger.Route, f.Trigger.AuthLevel))
            .Order()
            .ToArray();

        Assert.Equal(
            [
                ("CreateOffer", "post", "offer", AuthorizationLevel.Function),
                // The dashboard's static files are public; the API calls the page makes need the key.
                ("Dashboard", "get,head", "app/{*path}", AuthorizationLevel.Anonymous),
                ("DashboardRoot", "get", "{root:maxlength(0)?}", AuthorizationLevel.Anonymous),
                ("DeleteUpload", "delete", "uploads/{id}", AuthorizationLevel.Function),
                ("ExportResults", "get", "results/export", AuthorizationLevel.Function),
                ("GetEvaluation", "get", "offer/{id}/evaluation", AuthorizationLevel.Function),
                ("GetModel", "get", "offer/{id}/model", AuthorizationLevel.Function),
                ("GetOffer", "get", "offer/{id}", AuthorizationLevel.Function),
                ("GetResults", "get", "results", AuthorizationLevel.Function),
                ("GetRun", "get", "score/runs/{runId}", AuthorizationLevel.Function),
                ("GetUpload", "get", "uploads/{id}", AuthorizationLevel.Function),
                ("Health", "get,head", "health", AuthorizationLevel.Anonymous),
                ("ListOffers", "get", "offers", AuthorizationLevel.Function),
                ("ListUploads", "get", "uploads", AuthorizationLevel.Function),
                ("RecordOutcomes", "post", "outcomes", AuthorizationLevel.Function),
                ("StartScoring", "post", "score", AuthorizationLevel.Function),
                // Answers 404/405 problems for whatever no other function takes; no data behind it.
                ("UnmatchedRoute", "get,post,put,patch,delete,head,options", "{*path}", AuthorizationLevel.Anonymous),
                ("UploadLeads", "post", "leads/upload", AuthorizationLevel.Function),
            ],
            routes);
    }

    [Fact]
    public void Every_function_is_named_after_its_class()
    {
        Assert.All(Functions, method => Assert.Equal(method.DeclaringType!.Name, method.GetCustomAttribute<FunctionAttribute>()!.Name));
    }

    [Fact]
    public void Queue_functions_listen_on_the_shared_storage_connection()
    {
        var queues = Functions
            .Select(method => method.GetParameters().Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).SingleOrDefault(t => t is not null))
            .Where(trigger => trigger is not null)
            .ToArray();

        Assert.Equal(["import-leads", "import-leads-poison", "plan-leads", "plan-leads-poison", "score-leads", "score-leads-poison", "train-models"], queues.Select(q => q!.QueueName).Order());
        Assert.All(queues, q => Assert.Equal("AzureWebJobsStorage", q!.Connection));
    }
}
