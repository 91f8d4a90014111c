using System.ComponentModel.DataAnnotations;

namespace LeadScoring.Scoring.Leads;

/// <summary>Limits of <c>POST /leads/upload</c> (configuration section "Upload").</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Largest accepted file in bytes (default 100 MB), checked against Content-Length and while streaming.</summary>
    [Range(1, long.MaxValue)]
    public long MaxBytes { get; set; } = 100L * 1024 * 1024;
}
