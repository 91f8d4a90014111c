using System.Globalization;
using LeadScoring.Functions.Http.Problems;
using LeadScoring.Scoring.Ai;
using LeadScoring.Scoring.Storage;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// The query of <c>GET /results</c> and <c>/results/export</c>: offer_id (default: the latest offer, or the
/// continuation's), intent=High|Medium|Low, min_score=0..100, limit=1..1000,
/// sort=score|conversion_likelihood (best first either way; by likelihood only results that have one), continuation (from
/// X-Continuation-Token, with the sort it was read with).
/// </summary>
public sealed record ResultsQuery(string? OfferId, ResultFilter Filter, int? Limit, ResultContinuation? Continuation)
{
    public const int MaxLimit = 1000;
    public const string ContinuationHeader = "X-Continuation-Token";

    /// <summary>The query, or the problem naming each invalid parameter.</summary>
    public static RequestValue<ResultsQuery> Parse(IQueryCollection query)
    {
        var problems = new Dictionary<string, string[]>();
        string? offerId = query["offer_id"];
        if (offerId is not null && !TableKey.IsValidId(offerId)) problems["offer_id"] = ["'offer_id' is not a valid id."];

        Intent? intent = null;
        if (query["intent"].ToString() is { Length: > 0 } intentText)
        {
            // Exactly one name: Enum.TryParse would also take "High,Low" (flags) and read it as High.
            if (Enum.GetNames<Intent>().FirstOrDefault(name => name.Equals(intentText, StringComparison.OrdinalIgnoreCase)) is { } name) intent = Enum.Parse<Intent>(name);
            else problems["intent"] = ["'intent' must be High, Medium or Low."];
        }

        var minScore = Integer(query, "min_score", 0, 100, problems);
        var limit = Integer(query, "limit", 1, MaxLimit, problems);
        var order = query["sort"].ToString() switch
        {
            "" or "score" => ResultOrder.Score,
            "conversion_likelihood" => ResultOrder.Likelihood,
            _ => (ResultOrder?)null,
        };
        if (order is null) problems["sort"] = ["'sort' must be score or conversion_likelihood."];

        ResultContinuation? continuation = null;
        if (query["continuation"].ToString() is { Length: > 0 } token)
        {
            if (!ResultContinuation.TryDecode(token, out continuation)) problems["continuation"] = ["'continuation' is not a token this API issued."];
            else if (offerId is not null && continuation!.OfferId != offerId) problems["continuation"] = ["'continuation' belongs to another offer."];
            else if (limit is null) problems["limit"] = ["'limit' is required with 'continuation'."];
            else if (order is { } sorted && continuation!.Order != sorted) problems["continuation"] = ["'continuation' belongs to another sort: send the sort the first page was read with."];
        }

        return problems.Count == 0
            ? new(new ResultsQuery(offerId ?? continuation?.OfferId, ResultFilter.From(intent, minScore) with { Order = order!.Value }, limit, continuation))
            : new(ResultProblems.InvalidQuery(problems));
    }

    private static int? Integer(IQueryCollection query, string name, int min, int max, Dictionary<string, string[]> problems)
    {
        var text = query[name].ToString();
        if (text.Length == 0) return null;
        // Digits only: int.TryParse also ignores trailing NUL characters ("50\0" would read as 50).
        if (text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        problems[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return null;
    }
}
