using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;

namespace LeadScoring.Scoring.Csv;

/// <summary>Writes scored leads as CSV, row by row, with the seed's columns first.</summary>
/// <remarks>
/// Format: UTF-8 without a byte order mark (the seed's export had none, and a BOM would glue itself to
/// <c>lead_id</c> for naive readers); comma-delimited; CRLF line endings, as RFC 4180 specifies. A field is quoted
/// when it holds a comma, a quote (written <c>""</c>), CR or LF, or starts or ends with a space. Numbers use the
/// invariant culture. Text cells starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR get a leading
/// <c>'</c> so a spreadsheet shows them as text instead of running them as formulas. The numeric columns are never
/// negative, so no number is ever altered.
/// </remarks>
public static class ResultCsvWriter
{
    /// <summary>The header: the seed's export as it was, how the score was made, then the columns kept from the file.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "lead_id", "name", "company", "role", "industry", "score", "intent", "reasoning",
        "location", "source", "fallback_reason", "role_points", "industry_points", "completeness_points", "ai_points", "ai_confidence",
        "title_seniority", "title_department", "industry_category", "conversion_likelihood", "model_version",
        .. LeadFields.Kept.Select(field => field.WireName),
    ];

    // Rows between explicit flushes, so a slow consumer (an HTTP download) gets data as it is produced.
    private const int FlushEveryRows = 100;

    // Built per call: CsvConfiguration is mutable, so it is not shared.
    private static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        Delimiter = ",",
        Mode = CsvMode.RFC4180,
        // CsvHelper's own formula-injection guard: prefixes ' (inside the quotes when the field is quoted).
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
        // NewLine is left unset on purpose: its default is "\r\n", and setting it explicitly makes CsvHelper's
        // ShouldQuote look for "\r\n" only, leaving a field with a lone LF unquoted.
    };

    public static Task WriteAsync(Stream output, IAsyncEnumerable<ScoredLead> results, CancellationToken cancellationToken) =>
        WriteAsync(output, results.Select(result => (result, (ConversionLikelihood?)null)), cancellationToken);

    /// <summary>Writes the scored leads with their likelihoods under the offer's model (empty cells where they have none).</summary>
    public static async Task WriteAsync(
        Stream output, IAsyncEnumerable<(ScoredLead Scored, ConversionLikelihood? Likelihood)> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);

        // The first row is read before a byte is written: a storage fault then fails the request with a problem
        // instead of a 200 that breaks off after the header (disposing the writer would flush it).
        await using var rows = results.WithCancellation(cancellationToken).GetAsyncEnumerator();
        var more = await rows.MoveNextAsync();

        // Every write below is async: ASP.NET Core refuses synchronous writes to a response body.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration(), leaveOpen: true);

        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();

        for (var written = 1; more; written++)
        {
            WriteRow(csv, rows.Current.Scored, rows.Current.Likelihood);
            await csv.NextRecordAsync();
            if (written % FlushEveryRows == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }

            more = await rows.MoveNextAsync();
        }

        await csv.FlushAsync();
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteRow(CsvWriter csv, ScoredLead result, ConversionLikelihood? likelihood)
    {
        var (lead, score) = (result.Lead, result.Score);
        var breakdown = score.Breakdown;
        csv.WriteField(lead.Id);
        csv.WriteField(lead.Name);
        csv.WriteField(lead.Company);
        csv.WriteField(lead.Role);
        csv.WriteField(lead.Industry);
        csv.WriteField(Number(score.Score));
        csv.WriteField(score.Intent.ToString());
        csv.WriteField(score.Reasoning);
        csv.WriteField(lead.Location);
        csv.WriteField(breakdown.AiSource.WireName());
        csv.WriteField(breakdown.FallbackReason?.WireName() ?? "");
        csv.WriteField(Number(breakdown.RolePoints));
        csv.WriteField(Number(breakdown.IndustryPoints));
        csv.WriteField(Number(breakdown.CompletenessPoints));
        csv.WriteField(Number(breakdown.AiPoints));
        csv.WriteField(breakdown.AiConfidence is { } confidence ? confidence.ToString("0.###", CultureInfo.InvariantCulture) : "");
        csv.WriteField(breakdown.TitleSeniority == TitleSeniority.Unknown ? "" : breakdown.TitleSeniority.WireName());
        csv.WriteField(breakdown.TitleDepartment == Department.Unknown ? "" : breakdown.TitleDepartment.WireName());
        csv.WriteField(breakdown.IndustryCategory ?? "");
        csv.WriteField(likelihood is null ? "" : likelihood.Value.ToString("0.####", CultureInfo.InvariantCulture));
        csv.WriteField(likelihood?.ModelVersion ?? "");
        foreach (var field in LeadFields.Kept)
        {
            csv.WriteField(field.Of(lead));
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // The same spelling as the JSON API: "fallback", "ai_quota".
}
