namespace LeadScoring.Scoring.Storage;

/// <summary>Table and queue names. Constants because trigger attributes need them.</summary>
public static class StorageNames
{
    /// <summary>The setting (or <c>__</c>-prefixed settings) holding the storage account, shared with the Functions host.</summary>
    public const string Connection = "AzureWebJobsStorage";

    public const string Offers = "offers";
    public const string Uploads = "uploads";
    public const string Leads = "leads";
    public const string People = "people";
    public const string Results = "results";
    public const string Runs = "runs";
    public const string Judgements = "judgements";
    public const string Outcomes = "outcomes";
    public const string Sweeps = "sweeps";

    public const string ScoreLeads = "score-leads";
    public const string ScoreLeadsPoison = "score-leads-poison";
    public const string PlanLeads = "plan-leads";
    public const string PlanLeadsPoison = "plan-leads-poison";
    public const string ImportLeads = "import-leads";
    public const string ImportLeadsPoison = "import-leads-poison";
    public const string TrainModels = "train-models";
    public const string TrainModelsPoison = "train-models-poison";

    /// <summary>Blob container of the files being imported in the background (see <see cref="ImportStore"/>).</summary>
    public const string Imports = "imports";

    /// <summary>Blob container of the offers' learned models (see <see cref="ModelStore"/>).</summary>
    public const string Models = "models";

    internal static IReadOnlyList<string> Tables { get; } = [Offers, Uploads, Leads, People, Results, Runs, Judgements, Outcomes, Sweeps];
    internal static IReadOnlyList<string> Queues { get; } = [ScoreLeads, ScoreLeadsPoison, PlanLeads, PlanLeadsPoison, ImportLeads, ImportLeadsPoison, TrainModels, TrainModelsPoison];
    internal static IReadOnlyList<string> Containers { get; } = [Imports, Models];
}
