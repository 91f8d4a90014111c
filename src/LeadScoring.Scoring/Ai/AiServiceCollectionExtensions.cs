using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// The AI half of a score: <see cref="GeminiOptions"/> (validated at start-up), the Gemini HttpClient
    /// with its retry/timeout/rate-limit pipeline, the <see cref="IChatClient"/> and <see cref="IntentClassifier"/>.
    /// </summary>
    /// <remarks>
    /// The Gemini chat client is registered only when an API key is configured; without one the
    /// classifier gets no chat client and never calls out. Another provider (Azure OpenAI, a local
    /// model) is a registration change: register its <see cref="IChatClient"/> before calling this,
    /// and it is kept.
    /// </remarks>
    public static IServiceCollection AddIntentClassifier(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GeminiOptions>()
            .Bind(configuration.GetSection(GeminiOptions.SectionName))
            .PostConfigure(options => options.ApiKey = GeminiOptions.UsableKey(options.ApiKey) ?? GeminiOptions.ResolveApiKey(configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeminiOptions>, GeminiOptionsValidator>());
        services.TryAddSingleton<GeminiRateLimiter>();
        services.TryAddSingleton<AiBreaker>();

        services.AddHttpClient(GeminiChatClient.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline owns time bounds
                                                                                                                 // The factory's default request logging redacts header values in the message text but keeps
                                                                                                                 // the raw x-goog-api-key in the log state at Trace, where structured sinks write it out
                                                                                                                 // (ApiKeySecrecyTests caught it). The resilience pipeline and AiLog log what we need.
            .RemoveAllLoggers()
            .RedactLoggedHeaders([GeminiChatClient.ApiKeyHeader])
            .AddResilienceHandler("gemini", (pipeline, context) => GeminiResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<GeminiOptions>>().Value,
                context.ServiceProvider.GetRequiredService<GeminiRateLimiter>(),
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GeminiResilience))));

        if (GeminiOptions.ResolveApiKey(configuration) is not null)
        {
            services.TryAddSingleton<IChatClient>(provider => new GeminiChatClient(
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<IOptions<GeminiOptions>>()));
        }

        services.TryAddSingleton<IntentClassifier>();
        return services;
    }
}
