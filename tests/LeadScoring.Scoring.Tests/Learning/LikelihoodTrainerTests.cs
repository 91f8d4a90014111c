using LeadScoring.Scoring.Learning;
using LeadScoring.Scoring.Offers;
using LeadScoring.Scoring.Outcomes;
using LeadScoring.Scoring.Rules;
using LeadScoring.Testing;
using Microsoft.Extensions.Options;

namespace LeadScoring.Scoring.Tests.Learning;

public sealed class LikelihoodTrainerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);
    private static readonly LikelihoodTrainer Trainer = new(Options.Create(new LearningOptions()));

    [Fact]
    public void A_history_the_tiers_misread_is_learned_and_the_model_adopted()
    {
        var history = new SyntheticHistory().Leads(5_000);

        var result = Trainer.Train("offer-1", SyntheticHistory.Scored(history), Now);

        var card = result.Card;
        var ideal = Ranking.Measure([.. history.Select(lead => (lead.Chance, lead.Converted))]);
        Assert.Equal(ModelStatus.Adopted, card.Status);
        Assert.NotNull(result.Model);
        Assert.Equal(result.Model.Length, card.SizeBytes);
        Assert.InRange(card.CalibrationError!.Value, 0, 0.03);
        Assert.True(card.Gain!.Low > 0);
        Assert.True(card.Model!.RocAuc >= card.Score!.RocAuc + 0.05, $"model {card.Model.RocAuc:0.000}, score {card.Score.RocAuc:0.000}");
        Assert.True(card.Model.RocAuc >= ideal.RocAuc - 0.03, $"model {card.Model.RocAuc:0.000}, ideal {ideal.RocAuc:0.000}");
        Assert.Equal(2, card.Candidates.Count);
        Assert.Equal((5_000, history.Count(lead => lead.Converted)), (card.Labelled, card.Converted));
        Assert.StartsWith("20261207T093000Z-", card.Version, StringComparison.Ordinal);
        Assert.Contains("Adopted", card.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_drivers_name_what_the_history_rewards_in_words()
    {
        var result = Trainer.Train("offer-1", SyntheticHistory.Scored(new SyntheticHistory().Leads(5_000)), Now);

        var drivers = result.Card.Drivers;
        Assert.NotEmpty(drivers);
        // The history makes healthcare and clinical directors the best buyers, interns and nonprofits the worst.
        Assert.Contains(drivers, driver => driver.TimesBaseRate > 1.5 && (driver.Text.Contains("Healthcare", StringComparison.Ordinal) || driver.Text.Contains("Directors", StringComparison.Ordinal)));
        Assert.Contains(drivers, driver => driver.TimesBaseRate < 0.67);
        Assert.All(drivers, driver => Assert.Matches(@"^\S.* convert at \d+\.\d× the base rate \(a likelihood of \d+% against \d+% on average; \d+ labelled leads\)$", driver.Text));
    }

    [Fact]
    public void Outcomes_that_do_not_depend_on_the_lead_are_not_learned()
    {
        var random = new Random(7);
        var noise = SyntheticHistory.Scored(new SyntheticHistory().Leads(2_000));
        foreach (var lead in noise) lead.Features.Label = random.NextDouble() < 0.2;

        var result = Trainer.Train("offer-1", noise, Now);

        Assert.Equal(ModelStatus.Refused, result.Card.Status);
        Assert.Null(result.Model);
        Assert.Empty(result.Card.Drivers);
        Assert.StartsWith("Not adopted:", result.Card.Verdict, StringComparison.Ordinal);
        Assert.NotNull(result.Card.Model);
        Assert.NotNull(result.Card.Score);
    }

    [Theory]
    [InlineData(150, 0.5)] // too few labelled
    [InlineData(400, 0.05)] // enough leads, too few converted
    public void Too_small_a_history_is_not_trained_and_says_what_it_needs(int count, double rate)
    {
        var random = new Random(3);
        var leads = SyntheticHistory.Scored(new SyntheticHistory().Leads(count));
        foreach (var lead in leads) lead.Features.Label = random.NextDouble() < rate;

        var result = Trainer.Train("offer-1", leads, Now);

        Assert.Equal(ModelStatus.Waiting, result.Card.Status);
        Assert.Null(result.Model);
        Assert.Contains("needs at least 200, with 30 of each", result.Card.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_history_gives_the_same_version_and_the_same_model()
    {
        var leads = SyntheticHistory.Scored(new SyntheticHistory().Leads(1_000));
        var shuffled = leads.Reverse().ToList();

        var first = Trainer.Train("offer-1", leads, Now);
        var second = Trainer.Train("offer-1", shuffled, Now.AddHours(1));

        Assert.Equal(first.Card.Fingerprint, second.Card.Fingerprint);
        Assert.Equal(first.Card.Model, second.Card.Model);
        Assert.Equal(first.Card.Version[^8..], second.Card.Version[^8..]);
        // The models themselves give every lead the same likelihood.
        var (a, b) = (ConversionModel.Load("a", first.Model!), ConversionModel.Load("b", second.Model!));
        var rules = new RuleScorer(Options.Create(new RuleOptions()));
        var offer = new Offer("offer-1", "History", "", "", KeywordOverrides.None, Now);
        var fresh = new SyntheticHistory(99).Leads(200).Select(lead => SyntheticHistory.ScoredLead(lead, rules, offer)).ToList();
        Assert.Equal(fresh.Select(a.Predict), fresh.Select(b.Predict));
    }

    [Fact]
    public void A_saved_model_loads_and_gives_calibrated_likelihoods_to_leads_it_never_saw()
    {
        var result = Trainer.Train("offer-1", SyntheticHistory.Scored(new SyntheticHistory().Leads(5_000)), Now);
        var model = ConversionModel.Load(result.Card.Version, result.Model!);
        var rules = new RuleScorer(Options.Create(new RuleOptions()));
        var offer = new Offer("offer-1", "History", "", "", KeywordOverrides.None, Now);
        // Another team's history from the same process: none of these leads was learned from.
        var history = new SyntheticHistory(4242).Leads(5_000);

        var likelihoods = history.Select(lead => model.Predict(SyntheticHistory.ScoredLead(lead, rules, offer))).ToList();

        Assert.Equal(result.Card.Version, model.Version);
        Assert.All(likelihoods, likelihood => Assert.InRange(likelihood, 0, 1));
        // Calibrated: the mean likelihood is the new leads' conversion rate, and each fifth by likelihood converts about as predicted.
        var rate = history.Average(lead => lead.Converted ? 1.0 : 0);
        Assert.InRange(likelihoods.Average(), rate - 0.02, rate + 0.02);
        var ranked = history.Zip(likelihoods).OrderByDescending(pair => pair.Second).ToList();
        foreach (var fifth in ranked.Chunk(1_000))
        {
            var (predicted, observed) = (fifth.Average(pair => pair.Second), fifth.Average(pair => pair.First.Converted ? 1.0 : 0));
            Assert.InRange(observed, predicted - 0.05, predicted + 0.05);
        }
    }

    [Fact]
    public void Likelihoods_are_the_same_from_many_threads()
    {
        var history = new SyntheticHistory().Leads(1_000);
        var result = Trainer.Train("offer-1", SyntheticHistory.Scored(history), Now);
        var model = ConversionModel.Load(result.Card.Version, result.Model!);
        var rules = new RuleScorer(Options.Create(new RuleOptions()));
        var offer = new Offer("offer-1", "History", "", "", KeywordOverrides.None, Now);
        var scored = history.Select(lead => SyntheticHistory.ScoredLead(lead, rules, offer)).ToList();
        var expected = scored.Select(model.Predict).ToList();

        var parallel = new double[scored.Count];
        Parallel.For(0, scored.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = model.Predict(scored[i]));

        Assert.Equal(expected, parallel);
    }
}
