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
}
