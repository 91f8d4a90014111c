namespace LeadScoring.Scoring.Storage;

/// <summary>
/// Commits the writes of concurrent invocations together, per table partition: an invocation hands its item over and
/// waits until the transaction holding it committed (or failed), so nothing is acknowledged before it is stored.
/// The first item of a partition waits <see cref="Window"/> for company; while a transaction is in flight the next
/// items gather, and go in the next one, up to <c>maxItems</c> and <c>maxWeight</c> (the service's 100 actions and
/// 4 MiB per transaction). Two items of one <see cref="IGroupCommitItem.Key"/> never share a transaction (a
/// transaction may touch a row once): the later waits for the next. One transaction per partition is in flight at a
/// time, which also keeps writers of one partition from racing each other's ETags.
/// </summary>
internal sealed class GroupCommit<TItem>(
    Func<string, IReadOnlyList<TItem>, CancellationToken, Task> commit, int maxItems, int maxWeight)
    where TItem : IGroupCommitItem
{
    /// <summary>How long a lone item waits for others before its transaction goes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(3);

    private readonly Dictionary<string, List<TItem>> pending = new(StringComparer.Ordinal);

    /// <summary>
    /// Hands the item to its partition's next transaction. <paramref name="commit"/> settles each item it is given
    /// (<see cref="IGroupCommitItem.Fail"/> and the item's own success); when it throws, every item it left unsettled
    /// fails with that exception.
    /// </summary>
    public void Submit(string partition, TItem item)
    {
        lock (pending)
        {
            if (pending.TryGetValue(partition, out var items))
            {
                items.Add(item);
                return;
            }

            pending[partition] = [item];
        }

        // Not in the first caller's context: its activity and log scope would claim every transaction of the partition.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => FlushAsync(partition));
        }
    }

    private async Task FlushAsync(string partition)
    {
        await Task.Delay(Window);
        while (Take(partition) is { } batch)
        {
            try
            {
                await commit(partition, batch, CancellationToken.None);
            }
            catch (Exception e)
            {
                foreach (var item in batch) item.Fail(e);
            }
        }
    }

    /// <summary>The next transaction's items, or null (and the partition forgotten) when none wait.</summary>
    private List<TItem>? Take(string partition)
    {
        lock (pending)
        {
            var items = pending[partition];
            if (items.Count == 0)
            {
                pending.Remove(partition);
                return null;
            }

            var (batch, keys, weight) = (new List<TItem>(Math.Min(items.Count, maxItems)), new HashSet<string>(StringComparer.Ordinal), 0);
            items.RemoveAll(item =>
            {
                if (batch.Count == maxItems || (batch.Count > 0 && weight + item.Weight > maxWeight) || !keys.Add(item.Key)) return false;
                batch.Add(item);
                weight += item.Weight;
                return true;
            });
            return batch;
        }
    }
}

/// <summary>An item of a <see cref="GroupCommit{TItem}"/>: the row it is keyed by, its share of a transaction, and how it fails.</summary>
internal interface IGroupCommitItem
{
    string Key { get; }

    int Weight { get; }

    void Fail(Exception exception);
}
