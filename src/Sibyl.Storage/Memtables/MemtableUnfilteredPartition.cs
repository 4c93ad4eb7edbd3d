using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// A consistent copy of one memtable partition, taken under the memtable's lock: its deletions, static row
/// and the rows of the slices a read asked for, in clustering order.
/// </summary>
internal sealed class MemtableUnfilteredPartition : IUnfilteredPartition
{
    private readonly ClusteringComparator _comparator;
    private readonly Row[] _rows;

    public MemtableUnfilteredPartition(DecoratedKey key, DeletionTime deletion, RangeTombstone[] rangeTombstones, Row? staticRow,
        Row[] rows, ClusteringComparator comparator)
    {
        Key = key;
        PartitionDeletion = deletion;
        RangeTombstones = rangeTombstones;
        StaticRow = staticRow;
        _rows = rows;
        _comparator = comparator;
    }

    public DecoratedKey Key { get; }
    public DeletionTime PartitionDeletion { get; }
    public IReadOnlyList<RangeTombstone> RangeTombstones { get; }
    public Row? StaticRow { get; }

    public IEnumerable<Row> Rows(Slice slice, bool reversed)
    {
        var bounds = SliceBounds.Of(slice);
        if (bounds.IsEmpty(_comparator)) return [];
        int from = LowerBound(bounds.Low), to = LowerBound(bounds.High);
        if (from >= to) return [];
        if (reversed) return Descending(from, to);
        // The array is this read's own copy: handed out as is, or a window on it (both lists, read by index).
        if (from == 0 && to == _rows.Length) return _rows;
        return new ArraySegment<Row>(_rows, from, to - from);
    }

    private IEnumerable<Row> Descending(int from, int to)
    {
        for (int i = to - 1; i >= from; i--) yield return _rows[i];
    }

    /// <summary>The first row index whose clustering sorts after the seek key (seek keys never equal a row).</summary>
    private int LowerBound(Clustering seek)
    {
        int lo = 0, hi = _rows.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_comparator.Compare(_rows[mid].Clustering, seek) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
