using System.ComponentModel;
using System.Reflection;
using LeadScoring.LocalHost.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace LeadScoring.LocalHost.Http;

/// <summary>Serves each HTTP-triggered function at the route and methods of its own trigger attribute.</summary>
public static class HttpFunctionEndpoints
{
    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog, string routePrefix)
    {
        foreach (var function in catalog.Http)
        {
            EnsureBindable(function);
            var pattern = "/" + string.Join('/', new[] { routePrefix.Trim('/'), function.Route.Trim('/') }.Where(part => part.Length > 0));
            endpoints.MapMethods(pattern, function.Methods.Select(method => method.ToUpperInvariant()), context => InvokeAsync(function, context))
                .WithName(function.Name);
        }

        return endpoints;
    }

    private static async Task InvokeAsync(HttpFunctionDescriptor function, HttpContext context)
    {
        var arguments = new object?[function.Method.GetParameters().Length];
        foreach (var parameter in function.Method.GetParameters())
        {
            arguments[parameter.Position] = await BindAsync(parameter, context);
        }

        var result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, arguments);
        switch (result)
        {
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case IActionResult actionResult:
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, result.GetType(), context.RequestAborted);
                break;
        }
    }

    private static async ValueTask<object?> BindAsync(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest)) return context.Request;
        if (parameter.ParameterType == typeof(HttpContext)) return context;
        if (parameter.ParameterType == typeof(CancellationToken)) return context.RequestAborted;
        if (parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
        {
            var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
            return await context.Request.ReadFromJsonAsync(parameter.ParameterType, json, context.RequestAborted);
        }

        // Like the worker, other parameters bind to route values of the same name.
        var value = context.GetRouteValue(parameter.Name!)?.ToString();
        if (value is null) return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        return TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFromInvariantString(value);
    }

    private static void EnsureBindable(HttpFunctionDescriptor function)
    {
        if (function.Method.GetParameters().FirstOrDefault(parameter => parameter.ParameterType == typeof(FunctionContext)) is { } unsupported)
        {
            throw new NotSupportedException(
                $"{function.Name}: the local host cannot supply a FunctionContext ({unsupported.Name}); take HttpRequest and CancellationToken instead.");
        }
    }
}
