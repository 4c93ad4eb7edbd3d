using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// One partition held in memory: deletions, the static row and rows in a skip list by clustering. Writers and
/// readers of one partition take its lock (partition updates stay isolated, as Cassandra's), so writes to
/// different partitions never wait for each other.
/// </summary>
internal sealed class MemtablePartition
{
    private readonly ClusteringComparator _comparator;
    private readonly SkipList<Clustering, Row> _rows; // also the partition's lock
    private List<RangeTombstone>? _rangeTombstones;

    public MemtablePartition(DecoratedKey key, ClusteringComparator comparator)
    {
        Key = key;
        _comparator = comparator;
        _rows = new SkipList<Clustering, Row>(comparator, RowListHeight);
    }

    /// <summary>Rows of one partition: 4^10 before their searches slow down (and then only gradually).</summary>
    private const int RowListHeight = 10;

    public DecoratedKey Key { get; }
    public DeletionTime PartitionDeletion { get; private set; } = DeletionTime.Live;
    public Row? StaticRow { get; private set; }
    public int RowCount => _rows.Count;

    /// <summary>Heap bytes of an empty partition: this object, its key, lock and row list head.</summary>
    public int EmptyHeapSize => 64 + 48 + MemtableHeapSize.Bytes(Key.Key.Length) + 48 + 40 + 24 + RowListHeight * 8;

    /// <summary>Applies an update; returns how much the partition's heap size grew.</summary>
    public long Apply(PartitionUpdate update)
    {
        lock (_rows)
        {
            long delta = 0;
            PartitionDeletion = DeletionTime.Max(PartitionDeletion, update.PartitionDeletion);
            if (update.RangeTombstones.Count > 0)
            {
                (_rangeTombstones ??= []).AddRange(update.RangeTombstones);
                foreach (var rt in update.RangeTombstones) delta += MemtableHeapSize.Of(rt);
            }
            if (update.StaticRow is not null)
            {
                var merged = StaticRow is null ? update.StaticRow : Row.Merge(StaticRow, update.StaticRow);
                delta += MemtableHeapSize.Of(merged) - (StaticRow is null ? 0 : MemtableHeapSize.Of(StaticRow));
                StaticRow = merged;
            }
            foreach (var row in update.Rows)
            {
                var existing = _rows.GetOrAdd(row.Clustering, static (_, r) => r, row, out bool added);
                if (added)
                {
                    delta += MemtableHeapSize.Of(row) + SkipList<Clustering, Row>.NodeOverhead;
                    continue;
                }
                var merged = Row.Merge(existing, row);
                _rows.SetValue(row.Clustering, merged);
                delta += MemtableHeapSize.Of(merged) - MemtableHeapSize.Of(existing);
            }
            return delta;
        }
    }

    /// <summary>
    /// The rows a filter selects, shadowed by partition and range deletions, up to <paramref name="rowLimit"/>
    /// live rows (rows without live data are skipped and not counted).
    /// </summary>
    public PartitionData Read(ClusteringIndexFilter filter, int rowLimit, int nowInSeconds)
    {
        lock (_rows)
        {
            var result = new List<Row>();
            var staticRow = StaticRow?.Shadowed(PartitionDeletion);
            int live = 0;
            var slices = filter.Slices;
            var selected = new List<Row>();
            for (int s = 0; s < slices.Count && live < rowLimit; s++)
            {
                var slice = slices[filter.Reversed ? slices.Count - 1 - s : s];
                var bounds = SSTables.SliceBounds.Of(slice);
                if (bounds.IsEmpty(_comparator)) continue;
                selected.Clear();
                CollectBetween(bounds.Low, bounds.High, selected);
                if (filter.Reversed) selected.Reverse();
                foreach (var row in selected)
                {
                    var visible = row.Shadowed(CoveringDeletion(row.Clustering));
                    if (visible is null || !visible.HasLiveData(nowInSeconds)) continue;
                    result.Add(visible);
                    if (++live >= rowLimit) break;
                }
            }
            return new PartitionData(Key, PartitionDeletion, staticRow, result);
        }
    }

    /// <summary>A copy of the deletions, static row and the rows of <paramref name="filter"/>'s slices, for merged reads and flushes.</summary>
    public MemtableUnfilteredPartition Snapshot(ClusteringIndexFilter filter)
    {
        lock (_rows)
        {
            var rows = new List<Row>(filter.SelectsAll ? _rows.Count : 4);
            if (filter.SelectsAll)
            {
                var cursor = _rows.First();
                while (cursor.TryNext(out _, out var row)) rows.Add(row);
            }
            else
            {
                foreach (var slice in filter.Slices)
                {
                    var bounds = SSTables.SliceBounds.Of(slice);
                    if (bounds.IsEmpty(_comparator)) continue;
                    CollectBetween(bounds.Low, bounds.High, rows);
                }
            }
            RangeTombstone[] tombstones = _rangeTombstones is null ? [] : [.. _rangeTombstones];
            return new MemtableUnfilteredPartition(Key, PartitionDeletion, tombstones, StaticRow, rows, _comparator);
        }
    }

    /// <summary>Rows between two seek keys (bounds never equal a row's clustering), in order.</summary>
    private void CollectBetween(Clustering low, Clustering high, List<Row> into)
    {
        var cursor = _rows.From(low);
        while (cursor.TryNext(out var clustering, out var row))
        {
            if (_comparator.Compare(clustering, high) > 0) break;
            into.Add(row);
        }
    }

    private DeletionTime CoveringDeletion(Clustering clustering)
    {
        var deletion = PartitionDeletion;
        if (_rangeTombstones is null) return deletion;
        foreach (var rt in _rangeTombstones)
            if (_comparator.Contains(rt.Slice, clustering))
                deletion = DeletionTime.Max(deletion, rt.Deletion);
        return deletion;
    }
}
