using System.Globalization;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Imports;

/// <summary>
/// The names and companies of a file's kept rows: rows that share one are never merged on it (two people of one name
/// at a large company, or two records a CRM keeps apart), only listed as possible duplicates, and a shared name and
/// company re-identifies no stored person (<see cref="PersonMatcher"/>). Holds 8 bytes a row, and the fields of the
/// first <see cref="RowsKept"/> names, to list a pair side by side.
/// </summary>
internal sealed class FileNames
{
    private const int RowsKept = 10_000;

    private readonly Dictionary<ulong, long> firstLines = [];
    private readonly Dictionary<ulong, Lead> firstRows = [];
    private readonly HashSet<ulong> sharedKeys = [];
    private readonly List<PossibleDuplicate> listed = [];

    /// <summary>The name keys more than one row has.</summary>
    public List<string> Shared { get; } = [];

    /// <summary>The first <see cref="LeadImporter.MaxRejectedListed"/> rows that share a name and company with an earlier row.</summary>
    public IReadOnlyList<PossibleDuplicate> PossibleDuplicates => listed;

    public int PossibleDuplicatesTotal { get; private set; }

    public void Add(PersonIdentity identity, long line, Lead lead)
    {
        if ((identity.NameKey ?? (identity.IsStrong ? PersonIdentity.NameKeyOf(lead) : null)) is not { } nameKey) return;
        var key = ulong.Parse(nameKey, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if (firstLines.TryAdd(key, line))
        {
            if (firstRows.Count < RowsKept) firstRows[key] = lead;
            return;
        }

        if (sharedKeys.Add(key)) Shared.Add(nameKey);
        PossibleDuplicatesTotal++;
        if (listed.Count >= LeadImporter.MaxRejectedListed) return;
        var first = firstRows.GetValueOrDefault(key);
        listed.Add(new PossibleDuplicate(line, firstLines[key], Reason(firstLines[key], first, lead))
        {
            Row = DuplicateRow.Of(lead),
            SameAs = first is null ? null : DuplicateRow.Of(first),
        });
    }

    /// <summary>The file's own pairs, then the rows kept apart from people stored before (up to the listing's limit).</summary>
    public IReadOnlyList<PossibleDuplicate> WithStored(IReadOnlyList<PossibleDuplicate> stored) =>
        [.. listed.Concat(stored).Take(LeadImporter.MaxRejectedListed)];

    private static string Reason(long firstLine, Lead? first, Lead lead)
    {
        var differ = first is null ? [] : Differences(first, lead);
        var how = differ.Count == 0 ? "" : " but a different " + string.Join(", ", differ);
        return string.Create(CultureInfo.InvariantCulture,
            $"the same name and company as line {firstLine}{how}; kept as a separate lead (merge them in the source if they are one person)");
    }

    private static List<string> Differences(Lead a, Lead b)
    {
        var differ = new List<string>();
        void Compare(string field, string x, string y)
        {
            if (!string.Equals(x.Trim(), y.Trim(), StringComparison.OrdinalIgnoreCase)) differ.Add(field);
        }

        // Name and company are what made the two rows a pair.
        foreach (var field in LeadFields.All.Where(field => field != LeadFields.Name && field != LeadFields.Company))
        {
            Compare(field.Label, field.Of(a), field.Of(b));
        }

        return differ;
    }
}
