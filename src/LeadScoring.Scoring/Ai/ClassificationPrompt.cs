using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Rules;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// Renders the seed's classification prompt (embedded resource <c>Ai/ClassificationPrompt.txt</c>) for one offer and
/// the leads of one call: the seed's content, the offer once, the leads as a JSON array keyed by lead id.
/// </summary>
/// <remarks>
/// The leads' fields are data, not instructions: each block is JSON inside its own tags, so quotes and newlines are
/// escaped and a bio can't start a line of its own or a prospect of its own. <c>&lt;</c> and <c>&gt;</c> are escaped
/// too, so a bio can't close its tag either; everything else stays readable for the model.
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

    /// <summary>Changes whenever the template does, so judgements remembered under an older prompt are not reused.</summary>
    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Template.Value)))[..16];

    public static string Render(Offer offer, IReadOnlyList<Lead> leads)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(leads);

        var offerJson = Json(OfferDataOf(offer));
        var prospectsJson = Json(leads.Select(lead => ProspectDataOf(lead, lead.Id)).ToList());

        // One pass over the template only: a placeholder typed into a field is never expanded.
        return Placeholder().Replace(Template.Value, match => match.Groups[1].Value == "offer" ? offerJson : prospectsJson);
    }

    internal static OfferData OfferDataOf(Offer offer) => new(Cap(offer.Name), Cap(offer.ValueProps), Cap(offer.IdealUseCases));

    /// <summary>
    /// What the model reads of a lead: its id and the seed's fields (never the columns kept for the CRM), then how the
    /// title reads where it reads as anything ("SVP Eng." is a VP in engineering), in the reader's own words.
    /// </summary>
    internal static Dictionary<string, string> ProspectDataOf(Lead lead, string leadId)
    {
        var prospect = new Dictionary<string, string> { ["lead_id"] = leadId };
        foreach (var field in LeadFields.All.Where(field => field.IsSeed))
        {
            prospect[field.WireName] = Cap(field.Of(lead));
        }

        var title = TitleReader.Read(lead.Role);
        if (title.Seniority != TitleSeniority.Unknown) prospect["seniority"] = title.Seniority.WireName();
        if (title.Department != Department.Unknown) prospect["department"] = title.Department.WireName();
        return prospect;
    }

    /// <summary>What the model sees of an offer and a lead, as bytes: the content a remembered judgement is keyed by.</summary>
    internal static byte[] ContentOf(Offer offer, Lead lead) =>
        JsonSerializer.SerializeToUtf8Bytes(new JudgedContent(OfferDataOf(offer), ProspectDataOf(lead, "")), PromptJsonContext.Default.JudgedContent);

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

    [GeneratedRegex(@"\{\{(offer|prospects)\}\}")]
    private static partial Regex Placeholder();

    internal sealed record OfferData(string Name, string ValueProps, string IdealUseCases);

    internal sealed record JudgedContent(OfferData Offer, Dictionary<string, string> Prospect);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClassificationPrompt.OfferData))]
[JsonSerializable(typeof(List<Dictionary<string, string>>))]
[JsonSerializable(typeof(ClassificationPrompt.JudgedContent))]
internal sealed partial class PromptJsonContext : JsonSerializerContext;
