namespace LeadScoring.Scoring.Runs;

/// <summary>
/// What the sweeper did for a run that stalled: how often it swept it, the leads it sent again (their messages were
/// held by an instance that died or lost storage) and the fan-out steps it sent again.
/// </summary>
public sealed record RunRedrives(int Sweeps, int Leads, int FanOutSteps)
{
    public static RunRedrives None { get; } = new(0, 0, 0);
}
