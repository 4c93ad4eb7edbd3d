using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// One partition of an SSTable, read lazily: the header on first use, then only the blocks a slice needs,
/// found through the row index when the partition spans several blocks.
/// </summary>
internal sealed class SSTablePartition : IUnfilteredPartition
{
    private readonly SSTableReader _sstable;
    private readonly IndexEntry _entry;
    private PartitionHeader? _header;
    private int _rowsOffset;
    private readonly BlockCache _cache;

    public SSTablePartition(SSTableReader sstable, IndexEntry entry, BlockCache cache)
    {
        _sstable = sstable;
        _entry = entry;
        _cache = cache;
    }

    public DecoratedKey Key => _entry.Key;
    public DeletionTime PartitionDeletion => Header.Deletion;
    public IReadOnlyList<RangeTombstone> RangeTombstones => Header.RangeTombstones;
    public Row? StaticRow => Header.StaticRow;

    private PartitionHeader Header
    {
        get
        {
            if (_header is not null) return _header;
            var block = Block(_entry.HeaderBlock);
            try
            {
                var r = new ByteReader(block.Data, _entry.HeaderOffset);
                var header = RowSerializer.ReadPartitionHeader(ref r);
                if (!header.Key.AsSpan().SequenceEqual(_entry.Key.Key))
                    throw new InvalidDataException("partition key differs from its index entry");
                _rowsOffset = r.Position;
                return _header = header;
            }
            catch (Exception e) when (e is InvalidDataException or OverflowException)
            {
                throw new CorruptSSTableException(_sstable.DataPath, $"bad partition header at {_entry.HeaderBlock}+{_entry.HeaderOffset}: {e.Message}", e);
            }
        }
    }

    private DataBlock Block(long offset)
    {
        if (_cache.Last?.Offset == offset) return _cache.Last;
        return _cache.Last = _sstable.ReadBlock(offset, _cache.Populate);
    }

    public IEnumerable<Row> Rows(Slice slice, bool reversed)
    {
        var comparator = _sstable.Comparator;
        var bounds = SliceBounds.Of(slice);
        if (bounds.IsEmpty(comparator) || !MayHaveRowsIn(bounds)) return [];
        return reversed ? Backward(bounds) : Forward(bounds);
    }

    /// <summary>Statistics' clustering bounds let a slice outside them skip the data file.</summary>
    private bool MayHaveRowsIn(SliceBounds bounds)
    {
        if (_sstable.ClusteringRange is not { } range) return _sstable.Statistics.RowCount > 0;
        var comparator = _sstable.Comparator;
        return comparator.Compare(range.Max, bounds.Low) > 0 && comparator.Compare(range.Min, bounds.High) < 0;
    }

    private IEnumerable<Row> Forward(SliceBounds bounds)
    {
        var comparator = _sstable.Comparator;
        long block;
        int offset;
        if (_entry.HasRowIndex)
        {
            _ = Header;
            int i = LastSegmentBefore(bounds.Low, inclusive: false);
            block = _entry.Segments[Math.Max(0, i)].BlockOffset;
            offset = _entry.Segments[Math.Max(0, i)].InnerOffset;
        }
        else
        {
            _ = Header;
            block = _entry.HeaderBlock;
            offset = _rowsOffset;
        }
        while (true)
        {
            var data = Block(block);
            var rows = DecodeRows(data, offset, out bool ended);
            foreach (var row in rows)
            {
                if (comparator.Compare(row.Clustering, bounds.Low) < 0) continue;
                if (comparator.Compare(row.Clustering, bounds.High) > 0) yield break;
                yield return row;
            }
            if (ended) yield break;
            block = data.NextOffset;
            offset = 0;
        }
    }

    private IEnumerable<Row> Backward(SliceBounds bounds)
    {
        var comparator = _sstable.Comparator;
        _ = Header;
        if (!_entry.HasRowIndex)
        {
            var rows = DecodeRows(Block(_entry.HeaderBlock), _rowsOffset, out _);
            for (int i = rows.Count - 1; i >= 0; i--)
            {
                var row = rows[i];
                if (comparator.Compare(row.Clustering, bounds.High) > 0) continue;
                if (comparator.Compare(row.Clustering, bounds.Low) < 0) yield break;
                yield return row;
            }
            yield break;
        }
        for (int s = LastSegmentBefore(bounds.High, inclusive: false); s >= 0; s--)
        {
            var segment = _entry.Segments[s];
            var rows = DecodeRows(Block(segment.BlockOffset), segment.InnerOffset, out _);
            for (int i = rows.Count - 1; i >= 0; i--)
            {
                var row = rows[i];
                if (comparator.Compare(row.Clustering, bounds.High) > 0) continue;
                if (comparator.Compare(row.Clustering, bounds.Low) < 0) yield break;
                yield return row;
            }
        }
    }

    /// <summary>The last row index segment whose first clustering sorts before <paramref name="key"/>; -1 if none.</summary>
    private int LastSegmentBefore(Clustering key, bool inclusive)
    {
        var comparator = _sstable.Comparator;
        var segments = _entry.Segments;
        int lo = 0, hi = segments.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = comparator.Compare(segments[mid].FirstClustering, key);
            if (c < 0 || (inclusive && c == 0))
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>The rows stored in one block from an offset, up to the partition's end or the block's.</summary>
    private List<Row> DecodeRows(DataBlock block, int offset, out bool endOfPartition)
    {
        var rows = new List<Row>();
        endOfPartition = false;
        try
        {
            var r = new ByteReader(block.Data, offset);
            while (!r.AtEnd)
            {
                byte marker = r.ReadByte();
                if (marker == RowSerializer.EndOfPartition)
                {
                    endOfPartition = true;
                    break;
                }
                if (marker != RowSerializer.RowMarker) throw new InvalidDataException($"bad row marker {marker}");
                rows.Add(RowSerializer.ReadRow(ref r));
            }
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException)
        {
            throw new CorruptSSTableException(_sstable.DataPath, $"bad row in block at {block.Offset}: {e.Message}", e);
        }
        return rows;
    }
}
