using Sibyl.Data.Model;

namespace Sibyl.Storage.Memtables;

/// <summary>The smallest write timestamp in an update, deletions included.</summary>
internal static class UpdateTimestamps
{
    public static long Min(PartitionUpdate update)
    {
        long min = update.PartitionDeletion.IsLive ? long.MaxValue : update.PartitionDeletion.MarkedForDeleteAt;
        foreach (var rt in update.RangeTombstones) min = Math.Min(min, rt.Deletion.MarkedForDeleteAt);
        if (update.StaticRow is not null) min = Math.Min(min, Min(update.StaticRow));
        foreach (var row in update.Rows) min = Math.Min(min, Min(row));
        return min;
    }

    private static long Min(Row row)
    {
        long min = row.PrimaryKeyLiveness.IsEmpty ? long.MaxValue : row.PrimaryKeyLiveness.Timestamp;
        if (!row.Deletion.IsLive) min = Math.Min(min, row.Deletion.MarkedForDeleteAt);
        foreach (var complex in row.ComplexDeletions) min = Math.Min(min, complex.Deletion.MarkedForDeleteAt);
        foreach (var cell in row.Cells) min = Math.Min(min, cell.Timestamp);
        return min;
    }
}
