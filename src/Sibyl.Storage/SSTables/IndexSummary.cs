using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Summary.db: every <see cref="Interval"/>-th partition key with the Index.db offset of its entry, kept in
/// memory so a lookup reads at most one interval of index entries (Cassandra's IndexSummary at min_index_interval).
/// </summary>
internal sealed class IndexSummary
{
    private readonly DecoratedKey[] _keys;
    private readonly long[] _offsets;

    public IndexSummary(int interval, DecoratedKey[] keys, long[] offsets)
    {
        Interval = interval;
        _keys = keys;
        _offsets = offsets;
    }

    public int Interval { get; }

    public int Count => _keys.Length;

    public long SizeInBytes
    {
        get
        {
            long size = _offsets.Length * 8L;
            foreach (var k in _keys) size += k.Key.Length + 24;
            return size;
        }
    }

    /// <summary>Index.db offset to start scanning from for <paramref name="key"/>: the last sampled key at or before it.</summary>
    public long OffsetFor(DecoratedKey key)
    {
        int lo = 0, hi = _keys.Length - 1, found = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_keys[mid].CompareTo(key) <= 0)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return _offsets.Length == 0 ? ComponentFile.PreambleSize : _offsets[found];
    }

    /// <summary>Index.db offset to start a range scan at: the last sampled key strictly before the start position.</summary>
    public long OffsetFor(PartitionPosition start)
    {
        int lo = 0, hi = _keys.Length - 1, found = 0;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (!start.IsBeforeOrAt(_keys[mid]))
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return _offsets.Length == 0 ? ComponentFile.PreambleSize : _offsets[found];
    }

    public void Write(ByteWriter w)
    {
        w.WriteInt32(Interval);
        w.WriteInt32(_keys.Length);
        for (int i = 0; i < _keys.Length; i++)
        {
            w.WriteWithLength(_keys[i].Key);
            w.WriteInt64(_offsets[i]);
        }
    }

    public static IndexSummary Read(ref ByteReader r)
    {
        int interval = r.ReadInt32();
        int count = r.ReadInt32();
        if (interval < 1 || count < 0 || count > r.Remaining) throw new InvalidDataException("Bad summary header");
        var keys = new DecoratedKey[count];
        var offsets = new long[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = Murmur3Partitioner.Decorate(r.ReadWithLength());
            offsets[i] = r.ReadInt64();
        }
        return new IndexSummary(interval, keys, offsets);
    }
}
