namespace LeadScoring.Scoring.Csv;

/// <summary>The lead columns of an upload, in <see cref="Leads.Lead"/> order, and how header names match them.</summary>
internal static class LeadCsvColumns
{
    public const int Name = 0;
    public const int Role = 1;
    public const int Company = 2;
    public const int Industry = 3;
    public const int Location = 4;
    public const int LinkedinBio = 5;

    public static readonly (string Name, bool Required)[] All =
    [
        ("name", true),
        ("role", true),
        ("company", true),
        ("industry", true),
        ("location", false),
        ("linkedin_bio", false),
    ];

    public static readonly string ExampleHeader = string.Join(",", All.Select(column => column.Name));

    private static readonly string[] Keys = All.Select(column => Normalize(column.Name)).ToArray();

    /// <summary>The column a header cell names, or -1: case, whitespace, underscores and hyphens do not count.</summary>
    public static int Find(string headerCell) => Array.IndexOf(Keys, Normalize(headerCell));

    private static string Normalize(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-')).ToLowerInvariant();
}
