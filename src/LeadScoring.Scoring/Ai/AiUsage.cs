namespace LeadScoring.Scoring.Ai;

/// <summary>
/// What judging one lead spent. A call shared by a batch is counted once, on its first lead, and its tokens are
/// split across the batch, so a run's sums are exact: calls made, tokens billed.
/// </summary>
public sealed record AiUsage(int Calls, int PromptTokens, int AnswerTokens, int ThoughtTokens, bool FromCache = false)
{
    public static readonly AiUsage None = new(0, 0, 0, 0);

    public static readonly AiUsage Cached = new(0, 0, 0, 0, FromCache: true);

    public static AiUsage operator +(AiUsage left, AiUsage right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new AiUsage(
            left.Calls + right.Calls,
            left.PromptTokens + right.PromptTokens,
            left.AnswerTokens + right.AnswerTokens,
            left.ThoughtTokens + right.ThoughtTokens,
            left.FromCache || right.FromCache);
    }

    /// <summary>One call's usage shared by <paramref name="leads"/> leads: the first carries the call and the remainders.</summary>
    public static AiUsage[] Split(int prompt, int answer, int thoughts, int leads) =>
        [.. Enumerable.Range(0, leads).Select(i => new AiUsage(
            i == 0 ? 1 : 0,
            Share(prompt, leads, i),
            Share(answer, leads, i),
            Share(thoughts, leads, i)))];

    private static int Share(int total, int leads, int index) => total / leads + (index == 0 ? total % leads : 0);
}
