using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// A text field of <c>POST /offer</c> that clients send as a string or as an array of strings (most other
/// implementations send <c>value_props</c> as an array). Written back as it came.
/// </summary>
[JsonConverter(typeof(TextOrListConverter))]
public sealed record TextOrList(string? Text, IReadOnlyList<string>? Items)
{
    /// <summary>How an array is stored and shown to the model: its items joined.</summary>
    public const string Separator = "; ";

    /// <summary>The text, or the items trimmed and joined; null when there is nothing.</summary>
    public string? Joined => Items is { } items ? string.Join(Separator, items.Select(item => item.Trim())) : Text;

    public static TextOrList Of(string text, IReadOnlyList<string>? items) => items is null ? new(text, null) : new(null, items);
}

internal sealed class TextOrListConverter : JsonConverter<TextOrList>
{
    public override TextOrList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new TextOrList(reader.GetString(), null);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected a string or an array of strings.");

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected an array of strings.");
            items.Add(reader.GetString()!);
        }

        return new TextOrList(null, items);
    }

    public override void Write(Utf8JsonWriter writer, TextOrList value, JsonSerializerOptions options)
    {
        if (value.Items is { } items)
        {
            writer.WriteStartArray();
            foreach (var item in items) writer.WriteStringValue(item);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
