using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Csv;

/// <summary>Limits that keep one upload from exhausting storage or memory. Section <c>LeadCsv</c>.</summary>
public sealed class LeadCsvOptions
{
    public const string SectionName = "LeadCsv";

    /// <summary>
    /// Longest stored field, in UTF-16 characters after trimming. Table Storage caps a string property at
    /// 64 KiB, i.e. 32K UTF-16 characters; a longer field rejects its row.
    /// </summary>
    [Range(1, 32_000)]
    public int MaxFieldLength { get; set; } = 32_000;

    /// <summary>
    /// Longest record (one data row with all its fields and quoted line breaks) the reader will buffer, in characters.
    /// A longer one, typically an unclosed quote, stops the read with <see cref="LeadCsvFormatException"/>.
    /// </summary>
    [Range(1_024, 64 * 1_024 * 1_024)]
    public int MaxRecordLength { get; set; } = 1_048_576;

    /// <summary>Most data rows (accepted plus rejected, blank lines not counted) in one file.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; set; } = 1_000_000;
}
