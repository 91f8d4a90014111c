using Azure;
using Azure.Data.Tables;

namespace LeadScoring.Scoring.Storage.Rows;

/// <summary>Table <c>uploads</c>, partition "upload": one file, which counts once it is committed.</summary>
internal sealed class UploadRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public bool Committed { get; set; }

    /// <summary>New people stored.</summary>
    public int Inserted { get; set; }

    /// <summary>People stored before whose fields changed, stored again.</summary>
    public int Updated { get; set; }

    /// <summary>People stored before as they are: not stored again.</summary>
    public int Unchanged { get; set; }

    /// <summary>Rows repeating a person of the same file.</summary>
    public int Duplicates { get; set; }

    /// <summary>Rows kept apart from a row or a stored person with the same name and company.</summary>
    public int PossibleDuplicates { get; set; }

    /// <summary>
    /// JSON {uploadId: n}: how many versions of each earlier upload this one replaced with newer ones, so a run
    /// knows how many of an upload's leads are current without reading them.
    /// </summary>
    public string? Supersedes { get; set; }

    public long LastLine { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? CommittedAt { get; set; }

    public string? FileName { get; set; }

    public int Rejected { get; set; }

    public int Warnings { get; set; }

    public string? Encoding { get; set; }

    /// <summary>A delete has begun: the upload no longer counts, and a repeated delete finishes the job.</summary>
    public bool Deleting { get; set; }

    /// <summary>Staged for a background import: its accepted rows in this many parts (0: imported inline).</summary>
    public int Parts { get; set; }

    /// <summary>Parts stored so far by the background import; the next step stores part <c>PartsDone</c>.</summary>
    public int PartsDone { get; set; }

    /// <summary>Accepted rows the import stores or counts unchanged (all of them, known when the file was read).</summary>
    public long Rows { get; set; }

    /// <summary>Why a background import stopped; what it had stored is removed and the upload never counts.</summary>
    public string? Failure { get; set; }
}
