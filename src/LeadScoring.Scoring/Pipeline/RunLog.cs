using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Pipeline;

internal static partial class RunLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Run {RunId} for offer {OfferId} queued {Queued} leads from {Uploads} uploads")]
    public static partial void RunStarted(this ILogger logger, string runId, string offerId, int queued, int uploads);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Dropped a message for unknown run {RunId}")]
    public static partial void UnknownRun(this ILogger logger, string runId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Lead {LeadId} failed in run {RunId}: {Error}")]
    public static partial void LeadFailed(this ILogger logger, string leadId, string runId, string error);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Fan-out step {FirstLine}-{LastLine} of upload {UploadId} in run {RunId} was poisoned; its leads are marked failed")]
    public static partial void StepPoisoned(this ILogger logger, string runId, string uploadId, long firstLine, long lastLine);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Completion check of run {RunId} failed; the next check or status call completes it")]
    public static partial void CompletionCheckFailed(this ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Fan-out step {FirstLine}-{LastLine} of upload {UploadId} in run {RunId} waits {Wait}: score-leads holds {Queued} messages")]
    public static partial void StepDeferred(this ILogger logger, string runId, string uploadId, long firstLine, long lastLine, TimeSpan wait, int queued);

    [LoggerMessage(EventId = 307, Level = LogLevel.Debug, Message = "Lead {LeadId} of run {RunId} waits for Gemini's daily quota until {RetryAt:u}")]
    public static partial void LeadWaitsForQuota(this ILogger logger, string leadId, string runId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Start of run {RunId} for offer {OfferId} failed after sending {Sent} of {Uploads} uploads; released {Released} uploads, the run keeps {Queued} leads")]
    public static partial void StartRolledBack(this ILogger logger, Exception exception, string runId, string offerId, int sent, int uploads, int released, int queued);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Start of run {RunId} for offer {OfferId} failed and could not be rolled back; its uploads may stay claimed until a rescore")]
    public static partial void StartNotRolledBack(this ILogger logger, Exception exception, string runId, string offerId);

    [LoggerMessage(EventId = 312, Level = LogLevel.Warning, Message = "Run {RunId} counted no lead for {Quiet}: sent {Leads} leads and {Steps} fan-out steps again, and counted {GivenUp} leads as failed that had been sent again too often")]
    public static partial void RunSwept(this ILogger logger, string runId, TimeSpan quiet, int leads, int steps, int givenUp);

    [LoggerMessage(EventId = 313, Level = LogLevel.Warning, Message = "Sweeping {Kind} {Id} failed; the next sweep tries again")]
    public static partial void SweepFailed(this ILogger logger, Exception exception, string kind, string id);
}
