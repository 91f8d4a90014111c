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
    /// Blob Storage and imported in the background (202). Measured: at this size an inline import takes about a
    /// second, about what staging and a queue round trip add (README, "Large files").
    /// </summary>
    [Range(0, int.MaxValue)]
    public int InlineMaxRows { get; set; } = 10_000;

    /// <summary>Accepted rows per staged part: one background import step stores one part.</summary>
    [Range(100, 1_000_000)]
    public int PartRows { get; set; } = 50_000;
}
