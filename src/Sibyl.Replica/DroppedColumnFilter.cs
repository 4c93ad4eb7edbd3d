using Sibyl.Data.Model;
using Sibyl.Schema;

namespace Sibyl.Replica;

/// <summary>
/// Hides the data of dropped columns from reads, as Cassandra does when it deserializes rows: cells of a column
/// dropped at T written at or before T are skipped, so a row whose only live data was in them is no row at all
/// (an UPDATE of the dropped column alone leaves no row marker). Storage counts LIMIT and PER PARTITION LIMIT on
/// the rows it holds, so when rows vanish here from a read that filled its limits, the read is repeated with
/// the limits raised by what vanished until enough rows remain, then trimmed to the limits asked for.
/// </summary>
internal static class DroppedColumnFilter
{
    public static IReadOnlyList<PartitionData> Read(TableMetadata table, ReadCommand command, Func<ReadCommand, IReadOnlyList<PartitionData>> read)
    {
        var limits = command.Limits;
        var current = command;
        while (true)
        {
            var raw = read(current);
            var (filtered, removed) = Filter(table, raw, command);
            if (removed == 0 && ReferenceEquals(current, command)) return raw;
            if (removed == 0 || !FilledLimits(raw, current.Limits)) return Trim(filtered, limits);
            var raised = new DataLimits(Raise(current.Limits.RowLimit, removed), Raise(current.Limits.PerPartitionLimit, removed));
            if (raised == current.Limits) return Trim(filtered, limits);
            current = current switch
            {
                SinglePartitionReadCommand s => s with { Limits = raised },
                PartitionRangeReadCommand r => r with { Limits = raised },
                _ => throw new InvalidOperationException("Unexpected read command " + current.GetType().Name),
            };
        }
    }

    private static int Raise(int limit, int by) => limit == DataLimits.NoLimit ? limit : (int)Math.Min(DataLimits.NoLimit, (long)limit + by);

    /// <summary>Whether the storage read stopped because of its limits (so more rows may follow).</summary>
    private static bool FilledLimits(IReadOnlyList<PartitionData> raw, DataLimits limits)
    {
        if (limits.RowLimit == DataLimits.NoLimit && limits.PerPartitionLimit == DataLimits.NoLimit) return false;
        int total = 0;
        foreach (var p in raw)
        {
            if (p.Rows.Count >= limits.PerPartitionLimit) return true;
            total += Math.Max(p.Rows.Count, 1);
        }
        return total >= limits.RowLimit;
    }

    private static (List<PartitionData> Partitions, int Removed) Filter(TableMetadata table, IReadOnlyList<PartitionData> raw, ReadCommand command)
    {
        var result = new List<PartitionData>(raw.Count);
        int removed = 0;
        for (int i = 0; i < raw.Count; i++)
        {
            var p = raw[i];
            var staticRow = p.StaticRow is { } s ? Visible(table, s) : null;
            var rows = new List<Row>(p.Rows.Count);
            foreach (var row in p.Rows)
            {
                if (Visible(table, row) is { } kept && kept.HasLiveData(command.NowInSeconds)) rows.Add(kept);
                else removed++;
            }
            bool staticLive = staticRow is not null && staticRow.HasLiveData(command.NowInSeconds);
            // A partition whose rows all vanished stays as its static row, as storage returns static-only
            // partitions, except where paging resumed inside it.
            bool resumed = i == 0 && command is PartitionRangeReadCommand { FirstPartitionFilter: not null };
            if (rows.Count == 0 && !(staticLive && !resumed))
            {
                if (p.Rows.Count == 0) removed++;
                continue;
            }
            result.Add(p with { StaticRow = staticRow, Rows = rows });
        }
        return (result, removed);
    }

    /// <summary>The row without the cells of columns dropped after they were written.</summary>
    private static Row? Visible(TableMetadata table, Row row)
    {
        bool hides = false;
        foreach (var cell in row.Cells)
        {
            if (IsDropped(table, cell)) { hides = true; break; }
        }
        if (!hides) return row;
        var kept = new List<Cell>(row.Cells.Length);
        foreach (var cell in row.Cells)
            if (!IsDropped(table, cell)) kept.Add(cell);
        return new Row(row.Clustering, row.PrimaryKeyLiveness, row.Deletion, [.. kept], row.ComplexDeletions);
    }

    private static bool IsDropped(TableMetadata table, Cell cell) =>
        table.DroppedColumns.TryGetValue(cell.Column, out var dropped) && cell.Timestamp <= dropped.DroppedTime;

    /// <summary>At most the limits asked for, counted as storage counts them (a static-only partition is one row).</summary>
    private static List<PartitionData> Trim(List<PartitionData> partitions, DataLimits limits)
    {
        var result = new List<PartitionData>(partitions.Count);
        int remaining = limits.RowLimit;
        foreach (var p in partitions)
        {
            if (remaining <= 0) break;
            int take = Math.Min(Math.Min(p.Rows.Count, limits.PerPartitionLimit), remaining);
            result.Add(take == p.Rows.Count ? p : p with { Rows = [.. p.Rows.Take(take)] });
            remaining -= Math.Max(take, 1);
        }
        return result;
    }
}
