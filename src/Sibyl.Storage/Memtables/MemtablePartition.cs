using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// One partition held in memory: deletions and rows sorted by clustering. Not thread-safe on its own; the
/// owning <see cref="Memtable"/> serialises access.
/// </summary>
internal sealed class MemtablePartition
{
    private readonly ClusteringComparator _comparator;
    private readonly SortedSet<Row> _rows;

    public MemtablePartition(DecoratedKey key, ClusteringComparator comparator)
    {
        Key = key;
        _comparator = comparator;
        _rows = new SortedSet<Row>(Comparer<Row>.Create((a, b) => comparator.Compare(a.Clustering, b.Clustering)));
    }

    public DecoratedKey Key { get; }
    public DeletionTime PartitionDeletion { get; private set; } = DeletionTime.Live;
    public List<RangeTombstone> RangeTombstones { get; } = [];
    public Row? StaticRow { get; private set; }
    public int RowCount => _rows.Count;

    public void Apply(PartitionUpdate update)
    {
        PartitionDeletion = DeletionTime.Max(PartitionDeletion, update.PartitionDeletion);
        RangeTombstones.AddRange(update.RangeTombstones);
        if (update.StaticRow is not null)
            StaticRow = StaticRow is null ? update.StaticRow : Row.Merge(StaticRow, update.StaticRow);
        foreach (var row in update.Rows)
        {
            if (_rows.TryGetValue(row, out var existing))
            {
                _rows.Remove(existing);
                _rows.Add(Row.Merge(existing, row));
            }
            else
            {
                _rows.Add(row);
            }
        }
    }

    /// <summary>
    /// The rows a filter selects, shadowed by partition and range deletions, up to <paramref name="rowLimit"/>
    /// live rows (rows without live data are skipped and not counted).
    /// </summary>
    public PartitionData Read(ClusteringIndexFilter filter, int rowLimit, int nowInSeconds)
    {
        var result = new List<Row>();
        var staticRow = StaticRow?.Shadowed(PartitionDeletion);
        int live = 0;
        var slices = filter.Slices;
        for (int s = 0; s < slices.Count && live < rowLimit; s++)
        {
            var slice = slices[filter.Reversed ? slices.Count - 1 - s : s];
            var lo = new Row(Clustering.ForBound(slice.Start.Prefix, slice.Start.Inclusive || slice.Start.IsUnbounded ? Clustering.BoundSide.Before : Clustering.BoundSide.After),
                LivenessInfo.Empty, DeletionTime.Live, []);
            var hi = new Row(Clustering.ForBound(slice.End.Prefix, slice.End.Inclusive || slice.End.IsUnbounded ? Clustering.BoundSide.After : Clustering.BoundSide.Before),
                LivenessInfo.Empty, DeletionTime.Live, []);
            if (_comparator.Compare(lo.Clustering, hi.Clustering) > 0) continue;
            var view = _rows.GetViewBetween(lo, hi);
            foreach (var row in filter.Reversed ? view.Reverse() : view)
            {
                var visible = row.Shadowed(CoveringDeletion(row.Clustering));
                if (visible is null || !visible.HasLiveData(nowInSeconds)) continue;
                result.Add(visible);
                if (++live >= rowLimit) break;
            }
        }
        return new PartitionData(Key, PartitionDeletion, staticRow, result);
    }

    /// <summary>A copy of the deletions, static row and the rows of <paramref name="filter"/>'s slices, for merged reads and flushes.</summary>
    public MemtableUnfilteredPartition Snapshot(ClusteringIndexFilter filter)
    {
        var rows = new List<Row>();
        if (filter.SelectsAll)
        {
            rows.AddRange(_rows);
        }
        else
        {
            foreach (var slice in filter.Slices)
            {
                var bounds = SSTables.SliceBounds.Of(slice);
                if (bounds.IsEmpty(_comparator)) continue;
                var lo = new Row(bounds.Low, LivenessInfo.Empty, DeletionTime.Live, []);
                var hi = new Row(bounds.High, LivenessInfo.Empty, DeletionTime.Live, []);
                rows.AddRange(_rows.GetViewBetween(lo, hi));
            }
        }
        return new MemtableUnfilteredPartition(Key, PartitionDeletion, [.. RangeTombstones], StaticRow, rows, _comparator);
    }

    private DeletionTime CoveringDeletion(Clustering clustering)
    {
        var deletion = PartitionDeletion;
        foreach (var rt in RangeTombstones)
            if (_comparator.Contains(rt.Slice, clustering))
                deletion = DeletionTime.Max(deletion, rt.Deletion);
        return deletion;
    }
}
