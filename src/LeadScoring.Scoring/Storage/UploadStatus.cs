using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Storage;

/// <summary>Where an upload's import is.</summary>
public enum UploadStatus
{
    /// <summary>Read and staged; a background import is storing its leads. It does not count yet.</summary>
    [JsonStringEnumMemberName("importing")]
    Importing,

    /// <summary>Every lead stored: the upload counts, and runs score it.</summary>
    [JsonStringEnumMemberName("imported")]
    Imported,

    /// <summary>The background import stopped (<see cref="UploadRecord.Failure"/> says why); nothing of it counts.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
