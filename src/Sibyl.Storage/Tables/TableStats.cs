namespace Sibyl.Storage.Tables;

/// <summary>One table's numbers for nodetool tablestats (Cassandra's TableMetrics subset).</summary>
public sealed record TableStats
{
    public required string Keyspace { get; init; }
    public required string Table { get; init; }
    public int SSTableCount { get; init; }
    public IReadOnlyList<int> SSTablesInEachLevel { get; init; } = [];
    public long SpaceUsedLive { get; init; }
    public long SpaceUsedTotal { get; init; }
    public long SpaceUsedBySnapshots { get; init; }
    public double CompressionRatio { get; init; } = -1;
    public long MemtableDataSize { get; init; }
    public long MemtableSwitchCount { get; init; }
    public long EstimatedPartitions { get; init; }
    public long LocalReadCount { get; init; }
    public long LocalWriteCount { get; init; }
    public long BloomFilterSpaceUsed { get; init; }
    public long IndexSummarySpaceUsed { get; init; }
    public long MinPartitionBytes { get; init; }
    public long MaxPartitionBytes { get; init; }
    public long MeanPartitionBytes { get; init; }
    public double DroppableTombstoneRatio { get; init; }
    public bool AutoCompactionEnabled { get; init; }
    public long PendingCompactions { get; init; }
}
