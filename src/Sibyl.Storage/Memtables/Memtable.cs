using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// The in-memory partitions of one table in token order, in a lock-free skip list: writers to different
/// partitions never wait for each other or for readers, and range reads seek to their start. Each partition
/// has its own lock (<see cref="MemtablePartition"/>). <see cref="HeapSize"/> counts what the contents cost on
/// the heap, which is what the flush threshold compares against. Row contents are kept serialized in slabs
/// (<see cref="MemtableSlabs"/>), so a memtable of recent writes is a few large arrays to the garbage collector.
/// </summary>
public sealed class Memtable
{
    private readonly ClusteringComparator _comparator;
    private readonly MemtableSlabs _slabs = new();
    private readonly SkipList<DecoratedKey, MemtablePartition> _partitions =
        new(Comparer<DecoratedKey>.Default, SkipList<DecoratedKey, MemtablePartition>.MaxHeight, static key => key.Token.Value);
    private long _liveDataSize;
    private long _heapSize;
    private long _minTimestamp = long.MaxValue;

    public Memtable(ClusteringComparator comparator) => _comparator = comparator;

    /// <summary>Payload bytes written (keys, clusterings, values): nodetool's memtable data size.</summary>
    public long LiveDataSize => Interlocked.Read(ref _liveDataSize);

    /// <summary>Heap bytes held: the slabs of row contents (dead space of overwrites included, until the flush)
    /// and the objects of partitions and rows, object overhead included.</summary>
    public long HeapSize => Interlocked.Read(ref _heapSize) + _slabs.AllocatedBytes;

    /// <summary>The smallest write timestamp applied (long.MaxValue when empty): compaction's purge check.</summary>
    public long MinTimestamp => Interlocked.Read(ref _minTimestamp);

    public ClusteringComparator Comparator => _comparator;

    public int PartitionCount => _partitions.Count;

    public void Apply(PartitionUpdate update)
    {
        var partition = _partitions.GetOrAdd(update.Key, static (key, memtable) => new MemtablePartition(key, memtable._comparator, memtable._slabs), this, out bool added);
        long heap = partition.Apply(update) + (added ? partition.EmptyHeapSize + SkipList<DecoratedKey, MemtablePartition>.NodeOverhead : 0);
        Interlocked.Add(ref _heapSize, heap);
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
    public IUnfilteredPartition? GetUnfiltered(DecoratedKey key, ClusteringIndexFilter filter) =>
        _partitions.TryGetValue(key, out var partition) ? partition.Snapshot(filter) : null;

    /// <summary>As <see cref="GetUnfiltered(DecoratedKey, ClusteringIndexFilter)"/>, the copy made in <paramref name="into"/> (empty).</summary>
    internal IUnfilteredPartition? GetUnfiltered(DecoratedKey key, ClusteringIndexFilter filter, MemtableUnfilteredPartition into) =>
        _partitions.TryGetValue(key, out var partition) ? partition.Snapshot(filter, into) : null;

    /// <summary>
    /// The partitions between two positions in token order, each copied under its lock when reached with the
    /// filter <paramref name="filterFor"/> picks for it. Used by merged range reads and by flush.
    /// </summary>
    public IEnumerable<IUnfilteredPartition> Scan(PartitionPosition? start, PartitionPosition? end, Func<DecoratedKey, ClusteringIndexFilter> filterFor)
    {
        var cursor = Seek(start);
        while (cursor.TryNext(out var key, out var partition))
        {
            if (end is { } e && !e.IsAfterOrAt(key)) yield break;
            yield return partition.Snapshot(filterFor(key));
        }
    }

    private SkipList<DecoratedKey, MemtablePartition>.Cursor Seek(PartitionPosition? start) =>
        start is { } s ? _partitions.From(s, static (position, key) => !position.IsBeforeOrAt(key)) : _partitions.First();

    public IReadOnlyList<PartitionData> Read(ReadCommand command) => command switch
    {
        SinglePartitionReadCommand single => ReadSingle(single),
        PartitionRangeReadCommand range => ReadRange(range),
        _ => throw new ArgumentException("Unknown read command " + command.GetType().Name, nameof(command)),
    };

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
        var cursor = Seek(command.Start);
        while (cursor.TryNext(out var key, out var partition))
        {
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
