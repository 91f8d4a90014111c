using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;
using Microsoft.Azure.Functions.Worker;

namespace LeadScoring.Functions.Functions;

/// <summary>A step of a background import: one staged part of a large upload stored.</summary>
public sealed class ImportLeads(ImportStepHandler handler)
{
    [Function(nameof(ImportLeads))]
    public Task Run(
        [QueueTrigger(StorageNames.ImportLeads, Connection = StorageNames.Connection)] ImportLeadsMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
