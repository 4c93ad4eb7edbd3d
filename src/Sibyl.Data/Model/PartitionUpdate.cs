using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Model;

/// <summary>
/// Everything one mutation changes in one partition of one table: a partition deletion, range tombstones,
/// the static row and regular rows. Built by the statement layer, applied by the replica store.
/// </summary>
public sealed class PartitionUpdate
{
    public PartitionUpdate(Guid tableId, DecoratedKey key)
    {
        TableId = tableId;
        Key = key;
    }

    public Guid TableId { get; }
    public DecoratedKey Key { get; }
    public DeletionTime PartitionDeletion { get; private set; } = DeletionTime.Live;
    // Not lists made up front: nearly every update is one row and no range tombstone.
    private ItemsBuilder<RangeTombstone> _rangeTombstones;
    private ItemsBuilder<Row> _rows;

    public ReadOnlyItems<RangeTombstone> RangeTombstones => _rangeTombstones.View;
    public Row? StaticRow { get; private set; }
    public ReadOnlyItems<Row> Rows => _rows.View;

    public void DeletePartition(DeletionTime deletion) => PartitionDeletion = DeletionTime.Max(PartitionDeletion, deletion);

    public void AddRangeTombstone(RangeTombstone tombstone) => _rangeTombstones.Add(tombstone);

    public void Add(Row row)
    {
        if (row.IsStatic) StaticRow = StaticRow is null ? row : Row.Merge(StaticRow, row);
        else _rows.Add(row);
    }

    /// <summary>Adds everything another update of the same partition and table does (batches, Paxos proposals).</summary>
    public void MergeFrom(PartitionUpdate other)
    {
        DeletePartition(other.PartitionDeletion);
        foreach (var rt in other.RangeTombstones) AddRangeTombstone(rt);
        if (other.StaticRow is not null) Add(other.StaticRow);
        foreach (var row in other.Rows) Add(row);
    }

    public bool IsEmpty => PartitionDeletion.IsLive && RangeTombstones.Count == 0 && StaticRow is null && Rows.Count == 0;

    /// <summary>Rough in-memory size, for memtable accounting and batch size warnings.</summary>
    public long DataSize()
    {
        long size = Key.Key.Length + 16;
        foreach (var row in Rows) size += RowSize(row);
        if (StaticRow is not null) size += RowSize(StaticRow);
        return size + RangeTombstones.Count * 32L;
    }

    private static long RowSize(Row row)
    {
        long size = 24;
        foreach (var v in row.Clustering.Values) size += v.Length;
        foreach (var c in row.Cells) size += c.Value.Length + (c.Path?.Length ?? 0) + 16;
        return size + row.ComplexDeletions.Length * 24L;
    }
}
