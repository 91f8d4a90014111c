using System.Text.Json;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Scoring.Csv;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// The explicit mapping of an upload: a JSON object from lead field to the file's column name, e.g.
/// <c>{"role": "Job Function", "name": "Contact"}</c> (an empty name leaves a field out). It comes as the query
/// parameter <c>mapping</c> or as a multipart field <c>mapping</c> sent before the file.
/// </summary>
public static class UploadMapping
{
    public const string Field = "mapping";
    private const int MaxLength = 8 * 1024;

    /// <summary>The mapping, null when none was sent, or the problem with it.</summary>
    public static RequestValue<IReadOnlyDictionary<LeadField, string>?> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new(value: null);
        if (json.Length > MaxLength) return new(Invalid($"The mapping is longer than {MaxLength} characters."));

        Dictionary<string, string?>? raw;
        try
        {
            raw = JsonSerializer.Deserialize(json, UploadMappingJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException)
        {
            return new(Invalid("The mapping is not a JSON object of strings, e.g. {\"role\": \"Job Title\"}."));
        }

        var mapping = new Dictionary<LeadField, string>();
        var unknown = new List<string>();
        foreach (var (name, column) in raw ?? [])
        {
            if (LeadCsvColumns.TryParseField(name, out var field)) mapping[field] = column ?? "";
            else unknown.Add(name);
        }

        return unknown.Count == 0
            ? new(mapping)
            : new(Invalid($"The mapping names fields that do not exist: {string.Join(", ", unknown)}. Fields: {string.Join(", ", LeadCsvColumns.FieldNames)}."));
    }

    private static ProblemHttpResult Invalid(string detail) =>
        HttpProblems.Validation(new Dictionary<string, string[]> { [Field] = [detail] }, "Invalid mapping", detail);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class UploadMappingJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
