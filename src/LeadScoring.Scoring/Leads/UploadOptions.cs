using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Leads;

/// <summary>Limits of <c>POST /leads/upload</c> (configuration section "Upload").</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Largest accepted file in bytes (default 100 MB), checked against Content-Length and while streaming.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// Files of up to this many accepted rows are stored while the request waits (201); a larger one is staged in
    /// Blob Storage and imported in the background (202). At 5,000 rows an inline import answers within about two
    /// seconds on the benchmark machine; at 10,000 inline and background took about as long (docs/csv.md, "Large files").
    /// </summary>
    [Range(0, int.MaxValue)]
    public int InlineMaxRows { get; set; } = 5_000;

    /// <summary>
    /// Accepted rows per staged part: one background import step stores one part, streaming it (memory holds a block of
    /// 1,000 rows, not the part), so parts are large and the steps few: each step costs a queue round trip.
    /// </summary>
    [Range(100, 1_000_000)]
    public int PartRows { get; set; } = 100_000;
}
