using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// The in-memory partitions of one table in token order. A reader-writer lock keeps reads concurrent with
/// each other; writes hold it briefly per partition update.
/// </summary>
public sealed class Memtable
{
    private readonly ClusteringComparator _comparator;
    private readonly SortedDictionary<DecoratedKey, MemtablePartition> _partitions = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private long _liveDataSize;
    private long _minTimestamp = long.MaxValue;

    public Memtable(ClusteringComparator comparator) => _comparator = comparator;

    public long LiveDataSize => Interlocked.Read(ref _liveDataSize);

    /// <summary>The smallest write timestamp applied (long.MaxValue when empty): compaction's purge check.</summary>
    public long MinTimestamp => Interlocked.Read(ref _minTimestamp);

    public ClusteringComparator Comparator => _comparator;

    public int PartitionCount
    {
        get
        {
            _lock.EnterReadLock();
            try { return _partitions.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public void Apply(PartitionUpdate update)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_partitions.TryGetValue(update.Key, out var partition))
                _partitions[update.Key] = partition = new MemtablePartition(update.Key, _comparator);
            partition.Apply(update);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
        Interlocked.Add(ref _liveDataSize, update.DataSize());
        long min = UpdateTimestamps.Min(update);
        long current = Interlocked.Read(ref _minTimestamp);
        while (min < current)
        {
            long seen = Interlocked.CompareExchange(ref _minTimestamp, min, current);
            if (seen == current) break;
            current = seen;
        }
    }

    /// <summary>A consistent copy of one partition's contents within the filter's slices; null when absent.</summary>
    public IUnfilteredPartition? GetUnfiltered(DecoratedKey key, ClusteringIndexFilter filter)
    {
        _lock.EnterReadLock();
        try
        {
            return _partitions.TryGetValue(key, out var partition) ? partition.Snapshot(filter) : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The partitions between two positions in token order, each copied under the lock when reached with the
    /// filter <paramref name="filterFor"/> picks for it. Used by merged range reads and by flush.
    /// </summary>
    public IEnumerable<IUnfilteredPartition> Scan(PartitionPosition? start, PartitionPosition? end, Func<DecoratedKey, ClusteringIndexFilter> filterFor)
    {
        List<MemtablePartition> selected = [];
        _lock.EnterReadLock();
        try
        {
            foreach (var (key, partition) in _partitions)
            {
                if (start is { } s && !s.IsBeforeOrAt(key)) continue;
                if (end is { } e && !e.IsAfterOrAt(key)) break;
                selected.Add(partition);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return SnapshotEach(selected, filterFor);
    }

    private IEnumerable<IUnfilteredPartition> SnapshotEach(List<MemtablePartition> partitions, Func<DecoratedKey, ClusteringIndexFilter> filterFor)
    {
        foreach (var partition in partitions)
        {
            var filter = filterFor(partition.Key);
            _lock.EnterReadLock();
            IUnfilteredPartition snapshot;
            try
            {
                snapshot = partition.Snapshot(filter);
            }
            finally
            {
                _lock.ExitReadLock();
            }
            yield return snapshot;
        }
    }

    public IReadOnlyList<PartitionData> Read(ReadCommand command)
    {
        _lock.EnterReadLock();
        try
        {
            return command switch
            {
                SinglePartitionReadCommand single => ReadSingle(single),
                PartitionRangeReadCommand range => ReadRange(range),
                _ => throw new ArgumentException("Unknown read command " + command.GetType().Name, nameof(command)),
            };
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<PartitionData> ReadSingle(SinglePartitionReadCommand command)
    {
        if (!_partitions.TryGetValue(command.Key, out var partition)) return [];
        int limit = Math.Min(command.Limits.RowLimit, command.Limits.PerPartitionLimit);
        return [partition.Read(command.Filter, limit, command.NowInSeconds)];
    }

    private List<PartitionData> ReadRange(PartitionRangeReadCommand command)
    {
        var result = new List<PartitionData>();
        int remaining = command.Limits.RowLimit;
        bool first = true;
        // SortedDictionary cannot seek; a range read walks from the start. Wide scans are the storage
        // engine's job (SSTable index); memtables stay small enough for this between flushes.
        foreach (var (key, partition) in _partitions)
        {
            if (command.Start is { } start && !start.IsBeforeOrAt(key)) continue;
            if (command.End is { } end && !end.IsAfterOrAt(key)) break;
            // Paging resumes inside the partition it stopped in (Cassandra's DataRange.forPaging): the first
            // partition filter belongs to that key only, never to whichever partition happens to come first.
            bool resumed = first && command.FirstPartitionFilter is not null && IsStartKey(command.Start, key);
            first = false;
            var filter = resumed ? command.FirstPartitionFilter! : command.Filter;
            int limit = Math.Min(remaining, command.Limits.PerPartitionLimit);
            var data = partition.Read(filter, limit, command.NowInSeconds);
            int live = data.Rows.Count;
            // A partition with only a live static row is one result row, unless a previous page already
            // returned rows (and so the static row) of it.
            bool staticOnly = live == 0 && !resumed && data.StaticRow is not null && data.StaticRow.HasLiveData(command.NowInSeconds);
            if (live == 0 && !staticOnly) continue;
            result.Add(data);
            remaining -= Math.Max(live, staticOnly ? 1 : 0);
            if (remaining <= 0) break;
        }
        return result;
    }

    private static bool IsStartKey(PartitionPosition? start, DecoratedKey key) =>
        start is not { Key: { } startKey } || (start.Value.Token == key.Token && startKey.AsSpan().SequenceEqual(key.Key));
}
