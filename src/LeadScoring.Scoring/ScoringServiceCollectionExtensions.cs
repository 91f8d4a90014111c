using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Evaluation;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Pipeline;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Scores;
using LeadScoring.Scoring.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadScoring.Scoring;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>Everything the service needs, for both hosts (the Functions worker and the local host).</summary>
    public static IServiceCollection AddLeadScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLeadRules(configuration);
        services.AddIntentClassifier(configuration);
        services.AddSingleton<LeadScorer>();
        services.AddOptions<LeadCsvOptions>().BindConfiguration(LeadCsvOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LeadCsvReader>();
        services.AddLeadStorage(configuration);
        services.AddSingleton<LeadWriter>();
        services.AddSingleton<LeadImporter>();
        services.AddSingleton<ImportStepHandler>();
        services.AddSingleton<OutcomeImporter>();
        services.AddSingleton<OfferHistory>();
        services.AddSingleton<OfferEvaluator>();
        services.AddOptions<LearningOptions>().BindConfiguration(LearningOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LikelihoodTrainer>();
        services.AddSingleton<ModelTrainer>();
        services.AddSingleton<ConversionModels>();
        services.AddSingleton<UploadDeleter>();
        services.AddSingleton<RunPlanner>();
        services.AddSingleton<ScoreLeadHandler>();
        services.AddSingleton<RunCompletion>();
        services.AddSingleton<RunSweeper>();
        services.AddSingleton<ImportSweeper>();
        services.AddSingleton<Sweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<RunCompletion>());
        return services;
    }
}
