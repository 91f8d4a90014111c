using LeadScoring.Scoring.Pipeline;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>Answer of <c>POST /score</c> (202, Location: the run): the run, its offer and how many leads it queued.</summary>
public sealed record RunStartedResponse(string RunId, string OfferId, int Queued)
{
    public static RunStartedResponse From(RunStarted run) => new(run.RunId, run.OfferId, run.Queued);
}
