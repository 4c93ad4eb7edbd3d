using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// One partition held in memory: deletions, the static row and its rows by clustering (<see cref="PartitionRows"/>),
/// row contents in the memtable's slabs. Writers and readers of one partition take its lock (partition updates
/// stay isolated, as Cassandra's), so writes to different partitions never wait for each other.
/// </summary>
internal sealed class MemtablePartition
{
    private readonly ClusteringComparator _comparator;
    private readonly MemtableSlabs _slabs;
    private readonly PartitionRows _rows; // also the partition's lock
    private List<RangeTombstone>? _rangeTombstones;
    private MemtableRow? _staticRow;

    public MemtablePartition(DecoratedKey key, ClusteringComparator comparator, MemtableSlabs slabs)
    {
        Key = key;
        _comparator = comparator;
        _slabs = slabs;
        _rows = new PartitionRows(comparator, slabs);
    }

    public DecoratedKey Key { get; }
    public DeletionTime PartitionDeletion { get; private set; } = DeletionTime.Live;
    public int RowCount => _rows.Count;

    /// <summary>Heap bytes of an empty partition: this object, its key and its row container.</summary>
    public int EmptyHeapSize => 64 + 40 + MemtableHeapSize.Bytes(Key.Key.Length) + 48;

    /// <summary>Applies an update; returns how much the partition's objects grew on the heap.</summary>
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
                if (_staticRow is null)
                {
                    _staticRow = _slabs.Add(update.StaticRow);
                    delta += MemtableRow.HeapOverhead;
                }
                else
                {
                    _slabs.Merge(_staticRow, update.StaticRow);
                }
            }
            foreach (var row in update.Rows) delta += _rows.Upsert(row);
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
            var staticRow = _staticRow is null ? null : _slabs.Load(_staticRow).Shadowed(PartitionDeletion);
            int live = 0;
            var slices = filter.Slices;
            var selected = new List<Row>();
            for (int s = 0; s < slices.Count && live < rowLimit; s++)
            {
                var slice = slices[filter.Reversed ? slices.Count - 1 - s : s];
                var bounds = SSTables.SliceBounds.Of(slice);
                if (bounds.IsEmpty(_comparator)) continue;
                selected.Clear();
                _rows.CopyBetween(bounds.Low, bounds.High, selected);
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

    /// <summary>
    /// A copy of the deletions, static row and the rows of <paramref name="filter"/>'s slices, for merged reads and
    /// flushes; made in <paramref name="into"/> when given (an empty snapshot a single partition read reuses).
    /// </summary>
    public MemtableUnfilteredPartition Snapshot(ClusteringIndexFilter filter, MemtableUnfilteredPartition? into = null)
    {
        lock (_rows)
        {
            var snapshot = into ?? new MemtableUnfilteredPartition(filter.SelectsAll ? _rows.Count : 4);
            var rows = snapshot.RowBuffer;
            if (filter.SelectsAll)
            {
                _rows.CopyAll(rows);
            }
            else
            {
                foreach (var slice in filter.Slices)
                {
                    var bounds = SSTables.SliceBounds.Of(slice);
                    if (bounds.IsEmpty(_comparator)) continue;
                    _rows.CopyBetween(bounds.Low, bounds.High, rows);
                }
            }
            RangeTombstone[] tombstones = _rangeTombstones is null ? [] : [.. _rangeTombstones];
            var staticRow = _staticRow is null ? null : _slabs.Load(_staticRow);
            snapshot.Set(Key, PartitionDeletion, tombstones, staticRow, _comparator);
            return snapshot;
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
