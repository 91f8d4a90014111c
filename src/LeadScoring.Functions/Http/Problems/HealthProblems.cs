namespace LeadScoring.Functions.Http.Problems;

public static class HealthProblems
{
    public static RetryAfterResult StorageUnavailable(string reason) => HttpProblems.StorageUnavailable(reason);
}
