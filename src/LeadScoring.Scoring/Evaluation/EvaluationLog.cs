using LeadScoring.Scoring.Learning;
using Microsoft.Extensions.Logging;

namespace LeadScoring.Scoring.Evaluation;

internal static partial class ModelTrainerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId}: no training needed, the latest ({Version}) saw this history")]
    public static partial void TrainingNotNeeded(this ILogger logger, string offerId, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId}: trained {Version}, {Status}, on {Labelled} labelled leads (held-out ROC-AUC model {ModelAuc}, score {ScoreAuc})")]
    public static partial void Trained(this ILogger logger, string offerId, string version, ModelStatus status, int labelled, double? modelAuc, double? scoreAuc);
}

internal static partial class ConversionModelsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer {OfferId}: model {Version} could not be read; the lead is scored without a likelihood")]
    public static partial void ModelReadFailed(this ILogger logger, string offerId, string version, Exception exception);
}
