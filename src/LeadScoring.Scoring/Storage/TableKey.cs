namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Checks ids that arrive from requests or messages before they reach a key or a query:
/// Table Storage forbids '/', '\', '#', '?' and control characters in keys and limits them to 1 KiB.
/// </summary>
public static class TableKey
{
    /// <summary>Our ids are far shorter; the bound keeps composite row keys ("score|nnn|{leadId}") under the service limit.</summary>
    public const int MaxIdLength = 200;

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxIdLength
        && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
