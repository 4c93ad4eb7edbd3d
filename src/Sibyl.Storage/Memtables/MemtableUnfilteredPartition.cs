using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// A consistent copy of one memtable partition, taken under the partition's lock (<see cref="MemtablePartition.Snapshot"/>):
/// its deletions, static row and the rows of the slices a read asked for, in clustering order. A single partition
/// read reuses one per thread (<see cref="Clear"/> between reads); every other reader gets its own.
/// </summary>
internal sealed class MemtableUnfilteredPartition : IUnfilteredPartition
{
    private readonly List<Row> _rows;
    private ClusteringComparator _comparator = null!;

    /// <summary>An empty snapshot, to be filled by <see cref="MemtablePartition.Snapshot"/>.</summary>
    public MemtableUnfilteredPartition(int rowCapacity) => _rows = new List<Row>(rowCapacity);

    public DecoratedKey Key { get; private set; } = null!;
    public DeletionTime PartitionDeletion { get; private set; }
    public IReadOnlyList<RangeTombstone> RangeTombstones { get; private set; } = [];
    public Row? StaticRow { get; private set; }

    /// <summary>Where the snapshot's rows are copied, in clustering order.</summary>
    internal List<Row> RowBuffer => _rows;

    /// <summary>How many rows the buffer can hold without growing (a reused snapshot is dropped when it got large).</summary>
    internal int RowCapacity => _rows.Capacity;

    internal void Set(DecoratedKey key, DeletionTime deletion, RangeTombstone[] rangeTombstones, Row? staticRow, ClusteringComparator comparator)
    {
        Key = key;
        PartitionDeletion = deletion;
        RangeTombstones = rangeTombstones;
        StaticRow = staticRow;
        _comparator = comparator;
    }

    /// <summary>Drops every reference, so a snapshot kept for reuse holds no data alive.</summary>
    internal void Clear()
    {
        _rows.Clear();
        Set(null!, DeletionTime.Live, [], null, null!);
    }

    public IEnumerable<Row> Rows(Slice slice, bool reversed)
    {
        var bounds = SliceBounds.Of(slice);
        if (bounds.IsEmpty(_comparator)) return [];
        int from = LowerBound(bounds.Low), to = LowerBound(bounds.High);
        if (from >= to) return [];
        if (reversed) return Descending(from, to);
        return from == 0 && to == _rows.Count ? _rows : _rows.GetRange(from, to - from); // the copy is this read's own
    }

    private IEnumerable<Row> Descending(int from, int to)
    {
        for (int i = to - 1; i >= from; i--) yield return _rows[i];
    }

    /// <summary>The first row index whose clustering sorts after the seek key (seek keys never equal a row).</summary>
    private int LowerBound(Clustering seek)
    {
        int lo = 0, hi = _rows.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_comparator.Compare(_rows[mid].Clustering, seek) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
