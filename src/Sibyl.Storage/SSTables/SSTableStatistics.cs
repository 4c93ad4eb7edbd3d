using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Statistics.db: what compaction and reads decide from without touching data (Cassandra's StatsMetadata).
/// Timestamps are write timestamps (microseconds); deletion times are local seconds. Write and Read below are
/// the single description of the component body.
/// </summary>
public sealed record SSTableStatistics
{
    /// <summary>Tombstone drop times are bucketed to this many seconds in the histogram.</summary>
    public const int DropTimeBucketSeconds = 3600;

    public long PartitionCount { get; init; }
    public long RowCount { get; init; }
    public long CellCount { get; init; }
    public long TombstoneCount { get; init; }
    public long MinTimestamp { get; init; } = long.MaxValue;
    public long MaxTimestamp { get; init; } = long.MinValue;

    /// <summary>Smallest and largest local deletion / expiration time of anything that dies; int.MaxValue when nothing does.</summary>
    public int MinLocalDeletionTime { get; init; } = int.MaxValue;
    public int MaxLocalDeletionTime { get; init; } = int.MaxValue;

    public int Level { get; init; }
    public long UncompressedSize { get; init; }
    public long MinPartitionSize { get; init; }
    public long MaxPartitionSize { get; init; }
    public byte[][]? MinClustering { get; init; }
    public byte[][]? MaxClustering { get; init; }
    public required DecoratedKey FirstKey { get; init; }
    public required DecoratedKey LastKey { get; init; }

    /// <summary>(bucketed local deletion time, tombstones) sorted by time: the estimated droppable tombstones source.</summary>
    public IReadOnlyList<(int Time, long Count)> DropTimeHistogram { get; init; } = [];

    /// <summary>Cassandra's getEstimatedDroppableTombstoneRatio: tombstones that gc_grace has released, per cell.</summary>
    public double EstimatedDroppableTombstoneRatio(int gcBefore)
    {
        long droppable = 0;
        foreach (var (time, count) in DropTimeHistogram)
            if (time < gcBefore) droppable += count;
        long cells = Math.Max(1, CellCount + RowCount);
        return droppable / (double)cells;
    }

    internal void Write(ByteWriter w)
    {
        w.WriteInt64(PartitionCount);
        w.WriteInt64(RowCount);
        w.WriteInt64(CellCount);
        w.WriteInt64(TombstoneCount);
        w.WriteInt64(MinTimestamp);
        w.WriteInt64(MaxTimestamp);
        w.WriteInt32(MinLocalDeletionTime);
        w.WriteInt32(MaxLocalDeletionTime);
        w.WriteInt32(Level);
        w.WriteInt64(UncompressedSize);
        w.WriteInt64(MinPartitionSize);
        w.WriteInt64(MaxPartitionSize);
        WriteOptionalClustering(w, MinClustering);
        WriteOptionalClustering(w, MaxClustering);
        w.WriteWithLength(FirstKey.Key);
        w.WriteWithLength(LastKey.Key);
        w.WriteUnsignedVInt((ulong)DropTimeHistogram.Count);
        foreach (var (time, count) in DropTimeHistogram)
        {
            w.WriteInt32(time);
            w.WriteInt64(count);
        }
    }

    internal static SSTableStatistics Read(ref ByteReader r)
    {
        long partitions = r.ReadInt64(), rows = r.ReadInt64(), cells = r.ReadInt64(), tombstones = r.ReadInt64();
        long minTs = r.ReadInt64(), maxTs = r.ReadInt64();
        int minLdt = r.ReadInt32(), maxLdt = r.ReadInt32(), level = r.ReadInt32();
        long size = r.ReadInt64(), minPartition = r.ReadInt64(), maxPartition = r.ReadInt64();
        var minClustering = ReadOptionalClustering(ref r);
        var maxClustering = ReadOptionalClustering(ref r);
        var first = PartitionKeysOf(r.ReadWithLength());
        var last = PartitionKeysOf(r.ReadWithLength());
        int bins = r.ReadLength();
        var histogram = new List<(int, long)>(Math.Min(bins, 4096));
        for (int i = 0; i < bins; i++) histogram.Add((r.ReadInt32(), r.ReadInt64()));
        return new SSTableStatistics
        {
            PartitionCount = partitions, RowCount = rows, CellCount = cells, TombstoneCount = tombstones,
            MinTimestamp = minTs, MaxTimestamp = maxTs, MinLocalDeletionTime = minLdt, MaxLocalDeletionTime = maxLdt,
            Level = level, UncompressedSize = size, MinPartitionSize = minPartition, MaxPartitionSize = maxPartition,
            MinClustering = minClustering, MaxClustering = maxClustering, FirstKey = first, LastKey = last,
            DropTimeHistogram = histogram,
        };
    }

    private static DecoratedKey PartitionKeysOf(byte[] key) => new(Murmur3Partitioner.GetToken(key), key);

    private static void WriteOptionalClustering(ByteWriter w, byte[][]? values)
    {
        w.WriteByte(values is null ? (byte)0 : (byte)1);
        if (values is not null) RowSerializer.WriteClustering(w, values);
    }

    private static byte[][]? ReadOptionalClustering(ref ByteReader r) =>
        r.ReadByte() == 0 ? null : RowSerializer.ReadClusteringValues(ref r);

    /// <summary>Accumulates statistics while a writer appends partitions in order.</summary>
    internal sealed class Collector(ClusteringComparator comparator)
    {
        private readonly SortedDictionary<int, long> _dropTimes = [];
        private long _partitions, _rows, _cells, _tombstones, _uncompressed, _minPartition = long.MaxValue, _maxPartition;
        private long _minTs = long.MaxValue, _maxTs = long.MinValue;
        private int _minLdt = int.MaxValue, _maxLdt = int.MinValue;
        private byte[][]? _minClustering, _maxClustering;
        private DecoratedKey? _first, _last;

        public long PartitionCount => _partitions;

        public void AddPartition(DecoratedKey key, DeletionTime deletion, IReadOnlyList<RangeTombstone> rangeTombstones, long size)
        {
            _first ??= key;
            _last = key;
            _partitions++;
            _uncompressed += size;
            _minPartition = Math.Min(_minPartition, size);
            _maxPartition = Math.Max(_maxPartition, size);
            if (!deletion.IsLive) AddDeletion(deletion);
            foreach (var rt in rangeTombstones) AddDeletion(rt.Deletion);
        }

        public void AddRow(Row row)
        {
            if (!row.IsStatic)
            {
                _rows++;
                if (_minClustering is null || comparator.ComparePrefixes(row.Clustering.Values, _minClustering) < 0)
                    _minClustering = row.Clustering.Values;
                if (_maxClustering is null || comparator.ComparePrefixes(row.Clustering.Values, _maxClustering) > 0)
                    _maxClustering = row.Clustering.Values;
            }
            var liveness = row.PrimaryKeyLiveness;
            if (!liveness.IsEmpty)
            {
                Timestamp(liveness.Timestamp);
                if (liveness.IsExpiring) DeletionAt(liveness.LocalExpirationTime, tombstone: false);
            }
            if (!row.Deletion.IsLive) AddDeletion(row.Deletion);
            foreach (var complex in row.ComplexDeletions) AddDeletion(complex.Deletion);
            foreach (var cell in row.Cells)
            {
                _cells++;
                Timestamp(cell.Timestamp);
                if (cell.IsTombstone) DeletionAt(cell.LocalDeletionTime, tombstone: true);
                else if (cell.IsExpiring) DeletionAt(cell.LocalDeletionTime, tombstone: false);
            }
        }

        private void AddDeletion(DeletionTime deletion)
        {
            Timestamp(deletion.MarkedForDeleteAt);
            DeletionAt(deletion.LocalDeletionTime, tombstone: true);
        }

        private void Timestamp(long ts)
        {
            _minTs = Math.Min(_minTs, ts);
            _maxTs = Math.Max(_maxTs, ts);
        }

        private void DeletionAt(int localDeletionTime, bool tombstone)
        {
            _minLdt = Math.Min(_minLdt, localDeletionTime);
            _maxLdt = Math.Max(_maxLdt, localDeletionTime);
            // Expiring data becomes a droppable tombstone once it expires: both feed the histogram.
            // Rounded up: a bucket never claims tombstones droppable before they are.
            long up = ((long)localDeletionTime + DropTimeBucketSeconds - 1) / DropTimeBucketSeconds * DropTimeBucketSeconds;
            int bucket = (int)Math.Min(int.MaxValue, up);
            _dropTimes[bucket] = _dropTimes.GetValueOrDefault(bucket) + 1;
            if (tombstone) _tombstones++;
        }

        public SSTableStatistics Build(int level) => new()
        {
            PartitionCount = _partitions, RowCount = _rows, CellCount = _cells, TombstoneCount = _tombstones,
            MinTimestamp = _minTs, MaxTimestamp = _maxTs,
            MinLocalDeletionTime = _minLdt, MaxLocalDeletionTime = _maxLdt == int.MinValue ? int.MaxValue : _maxLdt,
            Level = level, UncompressedSize = _uncompressed,
            MinPartitionSize = _partitions == 0 ? 0 : _minPartition, MaxPartitionSize = _maxPartition,
            MinClustering = _minClustering, MaxClustering = _maxClustering,
            FirstKey = _first ?? throw new InvalidOperationException("An SSTable needs at least one partition"),
            LastKey = _last!,
            DropTimeHistogram = [.. _dropTimes.Select(kv => (kv.Key, kv.Value))],
        };
    }
}
