using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Ai;

/// <summary>
/// The structured answer we ask the model for: one entry per lead of the call. The attributes become the JSON schema
/// sent as structured output (enum, minimum/maximum, maxLength); we check the same bounds again on the way back, entry
/// by entry, because a schema is a request, not a guarantee.
/// </summary>
internal sealed record IntentAnswers(
    [property: Description("One entry per prospect, in any order.")]
    IReadOnlyList<IntentAnswer> Leads)
{
    /// <summary>
    /// The valid entry of each lead id in <paramref name="text"/>. An entry outside the schema is skipped on its own (its
    /// lead counts as unanswered); so is a lead answered twice, whichever entry is right. Null when the text is not the
    /// object we asked for at all.
    /// </summary>
    public static Dictionary<string, IntentAnswer>? Parse(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("leads", out var entries) || entries.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var answers = new Dictionary<string, IntentAnswer>(StringComparer.Ordinal);
            var twice = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in entries.EnumerateArray())
            {
                if (Read(entry) is not { } answer) continue;
                if (!answers.TryAdd(answer.LeadId, answer)) twice.Add(answer.LeadId);
            }

            foreach (var id in twice) answers.Remove(id);
            return answers;
        }
    }

    private static IntentAnswer? Read(JsonElement entry)
    {
        try
        {
            return entry.Deserialize(IntentAnswerJsonContext.Default.IntentAnswer) is { LeadId: { Length: > 0 } } answer
                && answer.ToJudgement() is not null ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The model's judgement of one lead.</summary>
internal sealed record IntentAnswer(
    [property: Description("The prospect's lead_id, exactly as given.")]
    string LeadId,
    [property: Description("The prospect's buying intent for the offer.")]
    [property: AllowedValues("High", "Medium", "Low")]
    string Intent,
    [property: Description("Confidence in the intent label, from 0 to 1.")]
    [property: Range(0.0, 1.0)]
    double Confidence,
    [property: Description("One or two sentences for a sales rep explaining the label.")]
    [property: StringLength(IntentAnswer.MaxReasonLength)]
    string Reason)
{
    public const int MaxReasonLength = 300;

    /// <summary>The judgement, or null when the answer is outside the schema (the caller falls back).</summary>
    public IntentJudgement? ToJudgement()
    {
        if (ParseIntent(Intent) is not { } intent
            || !double.IsFinite(Confidence) || Confidence is < 0 or > 1
            || OneLine(Reason) is not { Length: > 0 } reason)
        {
            return null;
        }

        return new IntentJudgement(intent, Points(intent, Confidence), reason, IntentSource.Ai, Confidence);
    }

    /// <summary>High 45 + round(5c), Medium 15 + round(10c), Low 5: never above 50.</summary>
    public static int Points(Intent intent, double confidence)
    {
        var c = Math.Clamp(confidence, 0, 1);
        var points = intent switch
        {
            Ai.Intent.High => 45 + (int)Math.Round(5 * c, MidpointRounding.AwayFromZero),
            Ai.Intent.Medium => 15 + (int)Math.Round(10 * c, MidpointRounding.AwayFromZero),
            _ => 5,
        };
        return Math.Min(points, 50);
    }

    // Exactly the three names (any case): "Very High", "2" or "" are out of schema.
    private static Intent? ParseIntent(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "HIGH" => Ai.Intent.High,
        "MEDIUM" => Ai.Intent.Medium,
        "LOW" => Ai.Intent.Low,
        _ => null,
    };

    // The reason lands in a CSV cell and a dashboard row: one line, no control characters, bounded.
    internal static string? OneLine(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxReasonLength));
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        if (builder.Length <= MaxReasonLength)
        {
            return builder.ToString();
        }

        var cut = MaxReasonLength - 1;
        if (char.IsHighSurrogate(builder[cut - 1]))
        {
            cut--;
        }

        return builder.ToString(0, cut).TrimEnd() + "…";
    }
}

// Missing or null fields fail deserialisation (and so count as out of schema) instead of defaulting to 0 or null.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(IntentAnswers))]
internal sealed partial class IntentAnswerJsonContext : JsonSerializerContext;
