using Sibyl.Data.Model;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// The rows of one memtable partition in clustering order. Most partitions hold a few rows, so they start as
/// one sorted array (one object, binary search, cache friendly); past <see cref="ArrayLimit"/> rows they move
/// to a skip list, where inserting in the middle of a wide partition stays logarithmic. Not thread-safe: the
/// owning <see cref="MemtablePartition"/> holds its lock around every call.
/// </summary>
internal sealed class PartitionRows(ClusteringComparator comparator)
{
    private const int ArrayLimit = 64;
    private const int RowListHeight = 10;

    private Row[] _array = [];
    private int _count;
    private SkipList<Clustering, Row>? _list;

    public int Count => _list?.Count ?? _count;

    /// <summary>Inserts a row or merges it into the row of the same clustering (<see cref="Row.Merge"/>); returns how
    /// many heap bytes the partition grew by.</summary>
    public long Upsert(Row row)
    {
        if (_list is not null) return UpsertInList(row);
        int index = Search(row.Clustering);
        if (index >= 0)
        {
            var existing = _array[index];
            var merged = Row.Merge(existing, row);
            _array[index] = merged;
            return MemtableHeapSize.Of(merged) - MemtableHeapSize.Of(existing);
        }
        if (_count == ArrayLimit)
        {
            _list = new SkipList<Clustering, Row>(comparator, RowListHeight);
            for (int i = 0; i < _count; i++) _list.GetOrAdd(_array[i].Clustering, static (_, r) => r, _array[i], out _);
            long moved = (long)_count * SkipList<Clustering, Row>.NodeOverhead - 8L * _array.Length + 48 + 24 + RowListHeight * 8;
            _array = [];
            _count = 0;
            return moved + UpsertInList(row);
        }
        int at = ~index;
        long grown = 0;
        if (_count == _array.Length)
        {
            int capacity = Math.Min(ArrayLimit, Math.Max(1, _array.Length * 2));
            var larger = new Row[capacity];
            Array.Copy(_array, larger, _count);
            grown = 8L * (capacity - _array.Length) + (_array.Length == 0 ? 24 : 0);
            _array = larger;
        }
        Array.Copy(_array, at, _array, at + 1, _count - at);
        _array[at] = row;
        _count++;
        return grown + MemtableHeapSize.Of(row);
    }

    private long UpsertInList(Row row)
    {
        var node = _list!.GetOrAddNode(row.Clustering, static (_, r) => r, row, out bool added);
        if (added) return MemtableHeapSize.Of(row) + SkipList<Clustering, Row>.NodeOverhead;
        var existing = node.Value;
        var merged = Row.Merge(existing, row);
        Volatile.Write(ref node.Value, merged);
        return MemtableHeapSize.Of(merged) - MemtableHeapSize.Of(existing);
    }

    public void CopyAll(List<Row> into)
    {
        if (_list is null)
        {
            for (int i = 0; i < _count; i++) into.Add(_array[i]);
            return;
        }
        var cursor = _list.First();
        while (cursor.TryNext(out _, out var row)) into.Add(row);
    }

    /// <summary>Rows between two seek keys (bounds never equal a row's clustering), in order.</summary>
    public void CopyBetween(Clustering low, Clustering high, List<Row> into)
    {
        if (_list is null)
        {
            for (int i = ~Search(low); i < _count && comparator.Compare(_array[i].Clustering, high) <= 0; i++) into.Add(_array[i]);
            return;
        }
        var cursor = _list.From(low);
        while (cursor.TryNext(out var clustering, out var row))
        {
            if (comparator.Compare(clustering, high) > 0) break;
            into.Add(row);
        }
    }

    /// <summary>The index of the clustering in the array, or the bitwise complement of where it would go.</summary>
    private int Search(Clustering clustering)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = comparator.Compare(_array[mid].Clustering, clustering);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
