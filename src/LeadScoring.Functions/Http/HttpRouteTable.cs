using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadScoring.Functions.Http;

/// <summary>
/// The routes and methods of this app's own HTTP functions, read from their <c>[HttpTrigger]</c> attributes, so a
/// request no function took can be told apart: a path no route matches (404) from a route asked with the wrong
/// method (405 with <c>Allow</c>). Matching is ASP.NET Core's (template matcher and inline constraints).
/// </summary>
public sealed class HttpRouteTable
{
    private readonly IReadOnlyList<(TemplateMatcher Matcher, RoutePattern Pattern, IReadOnlyList<string> Methods)> routes;
    private readonly IInlineConstraintResolver constraints =
        new DefaultInlineConstraintResolver(Options.Create(new RouteOptions()), new ServiceCollection().BuildServiceProvider());

    private HttpRouteTable(IEnumerable<(string Route, IReadOnlyList<string> Methods)> triggers) =>
        routes = triggers
            .Select(trigger => (RoutePatternFactory.Parse(trigger.Route), trigger.Methods))
            .Select(route => (new TemplateMatcher(new RouteTemplate(route.Item1), new RouteValueDictionary()), route.Item1, route.Methods))
            .ToList();

    /// <summary>
    /// Every HTTP function of the assembly, except one whose route is nothing but a catch-all: that is the function
    /// answering for the rest, and it matches every path.
    /// </summary>
    public static HttpRouteTable FromAssembly(Assembly assembly) => new(
        assembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(method => method.GetParameters().Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
                .Select(trigger => (trigger.Route ?? method.GetCustomAttribute<FunctionAttribute>()!.Name,
                    (IReadOnlyList<string>)(trigger.Methods ?? ["get", "post"]).Select(verb => verb.ToUpperInvariant()).ToList())))
            .Where(trigger => !IsBareCatchAll(RoutePatternFactory.Parse(trigger.Item1))));

    private static bool IsBareCatchAll(RoutePattern pattern) =>
        pattern.PathSegments is [{ Parts: [RoutePatternParameterPart { IsCatchAll: true }] }];

    /// <summary>The methods the routes matching <paramref name="path"/> accept (none: no route has that path).</summary>
    public IReadOnlyList<string> AllowedMethods(string path)
    {
        var requestPath = new PathString("/" + path.TrimStart('/'));
        return routes.Where(route => Matches(route.Matcher, route.Pattern, requestPath))
            .SelectMany(route => route.Methods)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private bool Matches(TemplateMatcher matcher, RoutePattern pattern, PathString path)
    {
        var values = new RouteValueDictionary();
        if (!matcher.TryMatch(path, values)) return false;
        return pattern.ParameterPolicies.All(parameter => parameter.Value.All(policy =>
            policy.Content is null
            || constraints.ResolveConstraint(policy.Content) is not { } constraint
            || constraint.Match(null, null, parameter.Key, values, RouteDirection.IncomingRequest)));
    }
}
