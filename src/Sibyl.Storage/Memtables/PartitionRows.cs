using Sibyl.Data.Model;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// The rows of one memtable partition in clustering order, their contents in the memtable's slabs
/// (<see cref="MemtableSlabs"/>). Most partitions hold a few rows, so they start as one sorted array (one
/// object, binary search, cache friendly); past <see cref="ArrayLimit"/> rows they move to a skip list, where
/// inserting in the middle of a wide partition stays logarithmic. Not thread-safe: the owning
/// <see cref="MemtablePartition"/> holds its lock around every call.
/// </summary>
internal sealed class PartitionRows(ClusteringComparator comparator, MemtableSlabs slabs)
{
    private const int ArrayLimit = 64;
    private const int RowListHeight = 10;

    private MemtableRow[] _array = [];
    private int _count;
    private SkipList<Clustering, MemtableRow>? _list;

    public int Count => _list?.Count ?? _count;

    /// <summary>Inserts a row or merges it into the row of the same clustering (<see cref="Row.Merge"/>); returns how
    /// many heap bytes of objects the partition grew by (slab space is counted by the slabs).</summary>
    public long Upsert(Row row)
    {
        if (_list is not null) return UpsertInList(row);
        int index = Search(row.Clustering);
        if (index >= 0)
        {
            slabs.Merge(_array[index], row);
            return 0;
        }
        if (_count == ArrayLimit)
        {
            _list = new SkipList<Clustering, MemtableRow>(comparator, RowListHeight);
            for (int i = 0; i < _count; i++) _list.GetOrAdd(_array[i].Clustering, static (_, r) => r, _array[i], out _);
            long moved = (long)_count * SkipList<Clustering, MemtableRow>.NodeOverhead - 8L * _array.Length + 48 + 24 + RowListHeight * 8;
            _array = [];
            _count = 0;
            return moved + UpsertInList(row);
        }
        int at = ~index;
        long grown = 0;
        if (_count == _array.Length)
        {
            int capacity = Math.Min(ArrayLimit, Math.Max(1, _array.Length * 2));
            var larger = new MemtableRow[capacity];
            Array.Copy(_array, larger, _count);
            grown = 8L * (capacity - _array.Length) + (_array.Length == 0 ? 24 : 0);
            _array = larger;
        }
        Array.Copy(_array, at, _array, at + 1, _count - at);
        _array[at] = slabs.Add(row);
        _count++;
        return grown + HeapOf(row.Clustering);
    }

    private long UpsertInList(Row row)
    {
        var node = _list!.GetOrAddNode(row.Clustering, static (_, r) => r.Slabs.Add(r.Row), (Slabs: slabs, Row: row), out bool added);
        if (added) return HeapOf(row.Clustering) + SkipList<Clustering, MemtableRow>.NodeOverhead;
        slabs.Merge(node.Value, row);
        return 0;
    }

    private static long HeapOf(Clustering clustering) => MemtableRow.HeapOverhead + MemtableHeapSize.Of(clustering);

    public void CopyAll(List<Row> into)
    {
        if (_list is null)
        {
            for (int i = 0; i < _count; i++) into.Add(slabs.Load(_array[i]));
            return;
        }
        var cursor = _list.First();
        while (cursor.TryNext(out _, out var row)) into.Add(slabs.Load(row));
    }

    /// <summary>Rows between two seek keys (bounds never equal a row's clustering), in order.</summary>
    public void CopyBetween(Clustering low, Clustering high, List<Row> into)
    {
        if (_list is null)
        {
            for (int i = ~Search(low); i < _count && comparator.Compare(_array[i].Clustering, high) <= 0; i++) into.Add(slabs.Load(_array[i]));
            return;
        }
        var cursor = _list.From(low);
        while (cursor.TryNext(out var clustering, out var row))
        {
            if (comparator.Compare(clustering, high) > 0) break;
            into.Add(slabs.Load(row));
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
