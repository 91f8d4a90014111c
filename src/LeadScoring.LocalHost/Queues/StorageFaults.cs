namespace LeadScoring.LocalHost.Queues;

/// <summary>Which exceptions mean "storage is unreachable or failing", as opposed to a bug or a conflict.</summary>
internal static class StorageFaults
{
    // Once its own retries are spent the storage SDK throws an AggregateException of these.
    public static bool IsStorageFault(Exception exception) => exception switch
    {
        Azure.RequestFailedException { Status: 0 or >= 500 } or HttpRequestException or IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageFault),
        _ => false,
    };
}
