using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// Renders the seed's classification prompt (embedded resource <c>Ai/ClassificationPrompt.txt</c>)
/// for one offer and one lead.
/// </summary>
/// <remarks>
/// The lead's fields are data, not instructions: each block is one JSON object inside its own tags, so
/// quotes and newlines are escaped and a bio can't start a line of its own. <c>&lt;</c> and <c>&gt;</c>
/// are escaped too, so a bio can't close its tag either; everything else stays readable for the model.
/// </remarks>
internal static partial class ClassificationPrompt
{
    // LinkedIn's own cap on an "About" section; longer cells (up to the 32,000-character storage
    // limit) only cost tokens and give injected text more room.
    internal const int MaxFieldLength = 2_600;

    private const string ResourceName = "LeadScoring.Scoring.Ai.ClassificationPrompt.txt";

    private static readonly JsonSerializerOptions DataJson = new()
    {
        TypeInfoResolver = PromptJsonContext.Default,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Relaxed: "José", "50+" and "&" stay as written. The JSON goes into a prompt, never into HTML;
        // the one thing that matters there, a tag, is escaped below.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    private static readonly Lazy<string> Template = new(ReadTemplate);

    public static string Render(Offer offer, Lead lead)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(lead);

        var offerJson = Json(new OfferData(Cap(offer.Name), Cap(offer.ValueProps), Cap(offer.IdealUseCases)));
        var prospectJson = Json(new ProspectData(
            Cap(lead.Name), Cap(lead.Role), Cap(lead.Company), Cap(lead.Industry), Cap(lead.Location), Cap(lead.LinkedinBio)));

        // One pass over the template only: a placeholder typed into a field is never expanded.
        return Placeholder().Replace(Template.Value, match => match.Groups[1].Value == "offer" ? offerJson : prospectJson);
    }

    // Outside string values our JSON has no angle brackets, so \u003C / \u003E only ever land inside strings.
    private static string Json<T>(T value) =>
        JsonSerializer.Serialize(value, typeof(T), DataJson).Replace("<", "\\u003C", StringComparison.Ordinal).Replace(">", "\\u003E", StringComparison.Ordinal);

    private static string Cap(string? value)
    {
        if (value is null || value.Length <= MaxFieldLength)
        {
            return value ?? "";
        }

        // Never split a surrogate pair: half an emoji would be encoded as a lone \uD83D.
        var length = char.IsHighSurrogate(value[MaxFieldLength - 1]) ? MaxFieldLength - 1 : MaxFieldLength;
        return value[..length];
    }

    private static string ReadTemplate()
    {
        using var stream = typeof(ClassificationPrompt).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\{\{(offer|prospect)\}\}")]
    private static partial Regex Placeholder();

    internal sealed record OfferData(string Name, string ValueProps, string IdealUseCases);

    internal sealed record ProspectData(string Name, string Role, string Company, string Industry, string Location, string LinkedinBio);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClassificationPrompt.OfferData))]
[JsonSerializable(typeof(ClassificationPrompt.ProspectData))]
internal sealed partial class PromptJsonContext : JsonSerializerContext;
