namespace LeadScoring.Scoring.Rules;

/// <summary>The data rows of a tab-separated resource of this assembly: its comment lines (#), blank lines and header passed over.</summary>
internal static class TsvResource
{
    public static IEnumerable<string[]> Rows(string resourceName)
    {
        using var stream = typeof(TsvResource).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded resource {resourceName} is missing.");
        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header)
            {
                header = false;
                continue;
            }

            yield return line.Split('\t');
        }
    }
}
