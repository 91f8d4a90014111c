using LeadScoring.Scoring.Ai;

namespace LeadScoring.Scoring.Tests.Ai;

public sealed class IntentAnswerTests
{
    [Theory]
    [InlineData(Intent.High, 0.05, 45)]
    [InlineData(Intent.High, 0.1, 46)]
    [InlineData(Intent.High, 0.3, 47)]
    [InlineData(Intent.High, 0.9, 50)]
    [InlineData(Intent.Medium, 0.05, 16)]
    [InlineData(Intent.Medium, 0.25, 18)]
    [InlineData(Intent.Low, 1.0, 5)]
    [InlineData(Intent.High, 99, 50)]
    [InlineData(Intent.Medium, -5, 15)]
    public void Points_follow_the_issue_table_rounding_half_up_and_never_pass_50(Intent intent, double confidence, int expected)
    {
        var points = IntentAnswer.Points(intent, confidence);

        Assert.Equal(expected, points);
    }

    [Fact]
    public void Answer_reason_becomes_one_trimmed_line_of_at_most_300_characters()
    {
        var answer = new IntentAnswer("lead-1", "high", 0.4, "  First line.\r\n\tSecond\u0007line. " + new string('x', 400));

        var judgement = answer.ToJudgement();

        Assert.NotNull(judgement);
        Assert.Equal(Intent.High, judgement.Intent);
        Assert.Equal(IntentAnswer.MaxReasonLength, judgement.Reason.Length);
        Assert.StartsWith("First line. Second line. xxx", judgement.Reason, StringComparison.Ordinal);
        Assert.EndsWith("…", judgement.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Very High", 0.5, "Fits.")]
    [InlineData("2", 0.5, "Fits.")]
    [InlineData("High", 1.0001, "Fits.")]
    [InlineData("High", double.NaN, "Fits.")]
    [InlineData("Low", 0.5, "\n\t ")]
    public void Answer_outside_the_schema_has_no_judgement(string intent, double confidence, string reason)
    {
        var answer = new IntentAnswer("lead-1", intent, confidence, reason);

        var judgement = answer.ToJudgement();

        Assert.Null(judgement);
    }

    [Fact]
    public void Batch_answer_gives_each_valid_entry_by_lead_id_in_any_order()
    {
        var answers = IntentAnswers.Parse("""
            {"leads": [
              {"lead_id": "b", "intent": "Low", "confidence": 0.7, "reason": "HR."},
              {"lead_id": "a", "intent": "High", "confidence": 0.9, "reason": "CEO."}
            ]}
            """);

        Assert.NotNull(answers);
        Assert.Equal(["a", "b"], answers.Keys.Order());
        Assert.Equal("High", answers["a"].Intent);
        Assert.Equal("Low", answers["b"].Intent);
    }

    [Fact]
    public void Batch_answer_skips_invalid_entries_alone_and_drops_a_lead_answered_twice()
    {
        var answers = IntentAnswers.Parse("""
            {"leads": [
              {"lead_id": "ok", "intent": "Medium", "confidence": 0.5, "reason": "Fits."},
              {"lead_id": "range", "intent": "High", "confidence": 7, "reason": "Told to."},
              {"lead_id": "enum", "intent": "Critical", "confidence": 1, "reason": "Above High."},
              {"lead_id": "missing", "intent": "High", "reason": "No confidence."},
              {"intent": "High", "confidence": 1, "reason": "No id."},
              {"lead_id": "twice", "intent": "High", "confidence": 1, "reason": "First."},
              {"lead_id": "twice", "intent": "Low", "confidence": 1, "reason": "Second."},
              "not an object"
            ]}
            """);

        Assert.NotNull(answers);
        Assert.Equal(["ok"], answers.Keys);
    }

    [Theory]
    [InlineData("{\"intent\": \"High\", \"confidence\": 0.9, \"reason\": \"One lead, no array.\"}")]
    [InlineData("High intent: CEO.")]
    [InlineData("{\"leads\": {\"a\": {}}}")]
    public void Batch_answer_that_is_not_the_object_asked_for_is_null(string text)
    {
        Assert.Null(IntentAnswers.Parse(text));
    }
}
