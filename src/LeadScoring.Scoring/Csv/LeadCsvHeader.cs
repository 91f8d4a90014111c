using System.Globalization;
using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Csv;

/// <summary>
/// Which column of a file holds each <see cref="LeadField"/>: recognised from the header's names, then overridden by
/// the upload's explicit mapping (field → the file's column name; an empty name leaves a field out).
/// </summary>
public sealed class LeadCsvHeader
{
    private readonly int[] columnOf;

    private LeadCsvHeader(IReadOnlyList<string> columns, int[] columnOf)
    {
        Columns = columns;
        this.columnOf = columnOf;
    }

    private bool? hasOutcome;

    /// <summary>The file's column names, as written.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether any column says what became of the lead.</summary>
    public bool HasOutcome => hasOutcome ??= LeadCsvColumns.OutcomeFields.Any(column => ColumnOf(column) >= 0);

    /// <summary>The column holding <paramref name="field"/>, or -1.</summary>
    public int ColumnOf(LeadField field) => columnOf[(int)field];

    /// <summary>
    /// What each lead field is read from, by the field's wire name: one column, or the columns joined to make it
    /// ("First Name + Last Name", "City, State/Region, Country/Region"). Fields no column holds are left out.
    /// </summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var described = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(LeadField field, string? source)
        {
            if (source is not null) described[LeadCsvColumns.WireName(field)] = source;
        }

        foreach (var field in LeadFields.All)
        {
            var column = LeadCsvColumns.ColumnOf(field);
            Add(column, NameOf(column) ?? (
                field == LeadFields.Name ? Joined(" + ", LeadField.FirstName, LeadField.LastName)
                : field == LeadFields.Location ? Joined(", ", LeadField.City, LeadField.State, LeadField.Country)
                : null));
        }

        foreach (var field in LeadCsvColumns.OutcomeFields)
        {
            Add(field, NameOf(field));
        }

        return described;
    }

    /// <summary>Maps a header; returns the problem with it (a name twice, a mapping to no column, nothing identifying), or null.</summary>
    internal static string? TryMap(string[] header, IReadOnlyDictionary<LeadField, string>? mapping, out LeadCsvHeader mapped)
    {
        var fields = Enum.GetValues<LeadField>();
        var columnOf = new int[fields.Length];
        var rankOf = new int[fields.Length];
        Array.Fill(columnOf, -1);
        var duplicates = new List<(LeadField Field, string Text)>();
        for (var i = 0; i < header.Length; i++)
        {
            if (LeadCsvColumns.Recognize(header[i]) is not var (field, rank)) continue;
            var f = (int)field;
            if (columnOf[f] >= 0 && rankOf[f] == rank)
            {
                duplicates.Add((field, string.Create(CultureInfo.InvariantCulture, $"'{header[i].Trim()}' (columns {columnOf[f] + 1} and {i + 1})")));
            }
            else if (columnOf[f] < 0 || rank < rankOf[f])
            {
                (columnOf[f], rankOf[f]) = (i, rank);
            }
        }

        mapped = new LeadCsvHeader(header.Select(h => h.Trim()).ToArray(), columnOf);
        var unknown = new List<string>();
        foreach (var (field, column) in mapping ?? new Dictionary<LeadField, string>())
        {
            if (string.IsNullOrWhiteSpace(column))
            {
                columnOf[(int)field] = -1;
                continue;
            }

            var index = IndexOf(mapped.Columns, column);
            if (index < 0)
            {
                unknown.Add($"{LeadCsvColumns.WireName(field)} → '{column.Trim()}'");
                continue;
            }

            // The column now holds this field only, even where its name was recognised as another.
            for (var other = 0; other < columnOf.Length; other++)
            {
                if (columnOf[other] == index) columnOf[other] = -1;
            }

            columnOf[(int)field] = index;
        }

        if (unknown.Count > 0)
        {
            return $"The mapping names columns the file does not have: {string.Join(", ", unknown)}. The file's columns are: {mapped.ColumnList}.";
        }

        // A mapping that names the field settles which of the two columns holds it.
        var ambiguous = duplicates.Where(d => mapping?.ContainsKey(d.Field) != true).Select(d => d.Text).ToList();
        if (ambiguous.Count > 0)
        {
            return $"The header names a column more than once: {string.Join(", ", ambiguous)}. Choose one with a mapping.";
        }

        if (Enum.GetValues<LeadField>().Where(field => !LeadCsvColumns.OutcomeFields.Contains(field)).All(field => columnOf[(int)field] < 0))
        {
            return "The header has no column the service reads as a lead field (name, role, company, industry, email...), so no row could be read. "
                + $"The file's columns are: {mapped.ColumnList}. Name them with a mapping, e.g. {mapped.ExampleMapping()}, "
                + $"or start the file with a header such as {LeadCsvColumns.ExampleHeader}.";
        }

        return null;
    }

    /// <summary>
    /// The scoring inputs no column is read as (name, role, company, industry), each with what every lead loses and
    /// the mapping that would fix it: the first column read as nothing whose name suggests the field, when there is one.
    /// </summary>
    public IReadOnlyList<FileWarning> MissingInputs()
    {
        var warnings = new List<Leads.FileWarning>();
        var free = Columns.Where((column, i) => !columnOf.Contains(i) && column.Length > 0).ToList();
        foreach (var (field, hints, loss) in LeadCsvColumns.ScoringInputs)
        {
            var read = ColumnOf(field) >= 0 || (field == LeadField.Name && (ColumnOf(LeadField.FirstName) >= 0 || ColumnOf(LeadField.LastName) >= 0));
            if (read) continue;
            var wire = LeadCsvColumns.WireName(field);
            var candidate = free.FirstOrDefault(column => hints.Any(hint => LeadCsvColumns.Normalize(column).Contains(hint, StringComparison.Ordinal)));
            var mapping = candidate is null ? null : $"{{\"{wire}\": \"{candidate.Replace("\"", "\\\"", StringComparison.Ordinal)}\"}}";
            var fix = mapping is null
                ? $"Add a {wire} column, or map one of the file's columns ({ColumnList}) with mapping={{\"{wire}\": \"<column>\"}}."
                : $"If '{candidate}' holds it, upload again with mapping={mapping}.";
            warnings.Add(new FileWarning(wire, $"No column is read as {wire}: {loss}. {fix}", mapping));
        }

        return warnings;
    }

    /// <summary>A mapping that would name the file's first unrecognised columns as name, role and company, as JSON.</summary>
    internal string ExampleMapping()
    {
        var free = Columns.Where((_, i) => !columnOf.Contains(i) && Columns[i].Length > 0).Take(3).ToList();
        if (free.Count == 0) free = [.. Columns.Take(3)];
        var fields = new[] { "name", "role", "company" };
        return "{" + string.Join(", ", free.Select((column, i) => $"\"{fields[i]}\": \"{column.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";
    }

    private string ColumnList => Columns.Count == 0 ? "(none)" : string.Join(", ", Columns.Select(c => $"'{c}'"));

    private string? NameOf(LeadField field) => ColumnOf(field) is >= 0 and var i ? Columns[i] : null;

    private string? Joined(string separator, params LeadField[] parts)
    {
        var names = parts.Select(NameOf).OfType<string>().ToList();
        return names.Count == 0 ? null : string.Join(separator, names);
    }

    // The name as written first, then as normalised (so "job title" finds "Job Title").
    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        var wanted = column.Trim();
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], wanted, StringComparison.OrdinalIgnoreCase)) return i;
        }

        var normalized = LeadCsvColumns.Normalize(wanted);
        for (var i = 0; i < columns.Count; i++)
        {
            if (normalized.Length > 0 && LeadCsvColumns.Normalize(columns[i]) == normalized) return i;
        }

        return -1;
    }
}
