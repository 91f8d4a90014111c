using LeadScoring.Scoring.Ai;
using LeadScoring.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class GeminiOptionsTests
{
    [Fact]
    public void Options_default_to_google_endpoint_a_pinned_model_and_batched_calls()
    {
        using var host = new ClassifierHost(new Dictionary<string, string?>());

        var options = host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value;

        Assert.Equal(new Uri("https://generativelanguage.googleapis.com/"), options.Endpoint);
        Assert.Equal("gemini-3.1-flash-lite", options.Model);
        Assert.Equal(20, options.LeadsPerCall);
        Assert.Equal(QuotaSpentBehaviour.Fallback, options.WhenQuotaSpent);
        Assert.True(options.CacheJudgements);
        Assert.Null(options.ApiKey);
        Assert.Equal((20, 60, 3, 8, 10), (options.TimeoutSeconds, options.TotalTimeoutSeconds, options.MaxRetries, options.MaxConcurrency, options.RequestsPerMinute));
        Assert.False(host.Classifier.IsEnabled);
    }

    [Fact]
    public void Options_read_the_key_from_gemini_api_key_when_the_section_has_none()
    {
        using var host = new ClassifierHost(new Dictionary<string, string?> { ["GEMINI_API_KEY"] = " env-key " });

        var options = host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value;

        Assert.Equal("env-key", options.ApiKey);
        Assert.True(host.Classifier.IsEnabled);
    }

    [Fact]
    public void Options_prefer_the_section_key_over_gemini_api_key()
    {
        using var host = new ClassifierHost(new Dictionary<string, string?> { ["GEMINI_API_KEY"] = "env-key", ["Gemini:ApiKey"] = "section-key" });

        var options = host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value;

        Assert.Equal("section-key", options.ApiKey);
    }

    [Theory]
    [InlineData("GEMINI_API_KEY")]
    [InlineData("Gemini:ApiKey")]
    public void Unresolved_key_vault_reference_is_no_key_and_the_classifier_stays_off(string setting)
    {
        // What an app setting holds when its Key Vault reference cannot resolve (the secret was never set).
        var reference = "@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/gemini-api-key)";
        using var host = new ClassifierHost(new Dictionary<string, string?> { [setting] = reference });

        var options = host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value;

        Assert.Null(options.ApiKey);
        Assert.False(host.Classifier.IsEnabled);
    }

    [Fact]
    public void Unresolved_section_reference_falls_back_to_gemini_api_key()
    {
        using var host = new ClassifierHost(new Dictionary<string, string?>
        {
            ["Gemini:ApiKey"] = "@Microsoft.KeyVault(VaultName=kv-abc;SecretName=gemini-api-key)",
            ["GEMINI_API_KEY"] = "env-key",
        });

        Assert.Equal("env-key", host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value.ApiKey);
        Assert.True(host.Classifier.IsEnabled);
    }

    [Theory]
    [InlineData("Gemini:TimeoutSeconds", "0")]
    [InlineData("Gemini:TotalTimeoutSeconds", "5")]
    [InlineData("Gemini:RequestsPerMinute", "0")]
    [InlineData("Gemini:MaxConcurrency", "0")]
    [InlineData("Gemini:MaxRetries", "11")]
    [InlineData("Gemini:Model", "models/../x")]
    [InlineData("Gemini:Model", "")]
    [InlineData("Gemini:Endpoint", "ftp://example.com/")]
    [InlineData("Gemini:Endpoint", "https://example.com/?key=abc")]
    public void Options_fail_start_up_validation_when_out_of_range(string key, string value)
    {
        using var host = new ClassifierHost(new Dictionary<string, string?> { ["Gemini:TimeoutSeconds"] = "20", [key] = value });

        // The hosts run IStartupValidator at start (ValidateOnStart); this is what fails them.
        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key.Split(':')[1], string.Join(" ", failure.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_text_never_contains_the_key()
    {
        var options = new GeminiOptions { ApiKey = GeminiStandIn.ApiKey };

        var text = options.ToString();

        Assert.DoesNotContain(GeminiStandIn.ApiKey, text, StringComparison.Ordinal);
        Assert.Contains("key set", text, StringComparison.Ordinal);
    }
}
