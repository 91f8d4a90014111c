using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Ai;

/// <summary>The cross-field rules data annotations cannot state.</summary>
internal sealed class GeminiOptionsValidator : IValidateOptions<GeminiOptions>
{
    public ValidateOptionsResult Validate(string? name, GeminiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Endpoint is { } endpoint
            && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(endpoint.Query)
                || !string.IsNullOrEmpty(endpoint.UserInfo)))
        {
            failures.Add("Gemini:Endpoint must be an absolute http(s) URL without query or user info.");
        }

        if (options.TotalTimeoutSeconds < options.TimeoutSeconds)
        {
            failures.Add("Gemini:TotalTimeoutSeconds must be at least Gemini:TimeoutSeconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
