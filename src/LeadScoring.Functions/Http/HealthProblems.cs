
namespace LeadScoring.Functions.Http;

public static class HealthProblems
{
    public static RetryAfterResult StorageUnavailable(string reason) => HttpProblems.StorageUnavailable(reason);
}
