using System.Globalization;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>An import step the host gave up on: the upload fails with the reason, and what it stored goes.</summary>
public sealed class ImportLeadsPoison(ImportStepHandler handler)
{
    [Function(nameof(ImportLeadsPoison))]
    public Task Run(
        [QueueTrigger(StorageNames.ImportLeadsPoison, Connection = StorageNames.Connection)] ImportLeadsMessage message,
        CancellationToken cancellationToken) =>
        handler.FailAsync(message.UploadId, string.Create(CultureInfo.InvariantCulture,
            $"Storing part {message.Part + 1} of the file failed repeatedly; nothing of the upload was kept. Upload the file again."), cancellationToken);
}
