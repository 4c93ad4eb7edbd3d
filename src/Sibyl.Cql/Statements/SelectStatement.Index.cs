using Sibyl.Common;
using Sibyl.Data.Model;

namespace Sibyl.Cql.Statements;

public sealed partial class SelectStatement
{
    /// <summary>
    /// The read of one batch of a key range: through the secondary index the WHERE clause chose (the index's
    /// partition for the restricted value, rows in base token order), or a plain range scan. Every restriction,
    /// the indexed one included, is still checked on the rows returned.
    /// </summary>
    private ReadCommand RangeCommand(PartitionPosition? start, PartitionPosition? end, ClusteringIndexFilter filter, DataLimits limits,
        int nowInSeconds, ClusteringIndexFilter? firstFilter, QueryOptions options, QueryState state)
    {
        if (Where.Index is { HasKey: true } index)
            return new IndexReadCommand(Table.Id, index.Index.Id, index.IndexKey(options, state), start, end, filter, limits, nowInSeconds, firstFilter);
        return new PartitionRangeReadCommand(Table.Id, start, end, filter, limits, nowInSeconds, firstFilter);
    }
}
