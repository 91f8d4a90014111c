using LeadScoring.Scoring.Runs;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>What the sweeper did for a stalled run: how often it swept it, and the leads and fan-out steps it sent again.</summary>
public sealed record RunRedrivesResponse(int Sweeps, int Leads, int FanOutSteps)
{
    public static RunRedrivesResponse From(RunRedrives redrives) => new(redrives.Sweeps, redrives.Leads, redrives.FanOutSteps);
}
