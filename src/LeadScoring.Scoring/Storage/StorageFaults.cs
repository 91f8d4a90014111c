namespace LeadScoring.Scoring.Storage;

/// <summary>Which exceptions mean "storage is unreachable or failing", as opposed to a bug or a conflict.</summary>
public static class StorageFaults
{
    // Once its own retries are spent the storage SDK throws an AggregateException of these; attempts that ran out of
    // time arrive as status 0 (StorageRetryPolicy turns the SDK's cancellation into one).
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}
