using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Imports;

internal static partial class LeadLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Upload {UploadId} committed: {Inserted} new leads, {Updated} updated, {Unchanged} unchanged, {Rejected} rows rejected")]
    public static partial void UploadCommitted(this ILogger logger, string uploadId, int inserted, int updated, int unchanged, int rejected);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Could not delete the rows of failed upload {UploadId}; it stays uncommitted and is never scored")]
    public static partial void UploadDiscardFailed(this ILogger logger, Exception exception, string uploadId);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Upload {UploadId} deleted: {Leads} leads and {Results} results removed")]
    public static partial void UploadDeleted(this ILogger logger, string uploadId, int leads, int results);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Upload {UploadId} staged for a background import: {Rows} rows in {Parts} parts, {Rejected} rows rejected")]
    public static partial void UploadStaged(this ILogger logger, string uploadId, long rows, int parts, int rejected);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Upload {UploadId}: part {Part} of {Parts} stored ({Inserted} new, {Updated} updated, {Unchanged} unchanged)")]
    public static partial void ImportPartStored(this ILogger logger, string uploadId, int part, int parts, int inserted, int updated, int unchanged);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Background import of upload {UploadId} failed: {Reason}")]
    public static partial void ImportFailed(this ILogger logger, string uploadId, string reason);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "The staged parts of imported upload {UploadId} could not be deleted; they stay in the imports container")]
    public static partial void StagedPartsNotDeleted(this ILogger logger, Exception exception, string uploadId);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Background import of upload {UploadId} stored no part for {Quiet}: part {Part} of {Parts} sent again")]
    public static partial void ImportSwept(this ILogger logger, string uploadId, TimeSpan quiet, int part, int parts);
}
