using Sibyl.Common.Errors;
using Sibyl.Cql.Restrictions;
using Sibyl.Cql.Syntax;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>
/// GROUP BY on a primary key prefix (Cassandra's AggregationSpecification): rows with equal partition key and
/// equal first <see cref="ClusteringPrefixSize"/> clustering values form one group.
/// </summary>
public sealed class GroupBy
{
    private GroupBy(int clusteringPrefixSize) => ClusteringPrefixSize = clusteringPrefixSize;

    public int ClusteringPrefixSize { get; }

    /// <summary>Validates the GROUP BY columns as Cassandra does; null when there is no GROUP BY.</summary>
    public static GroupBy? Build(TableMetadata table, IReadOnlyList<RawSelectable> columns, WhereClause where, bool isDistinct)
    {
        if (columns.Count == 0) return null;
        var primaryKey = table.PartitionKeyColumns.Concat(table.ClusteringColumns).ToList();
        int next = 0;
        int clusteringPrefix = 0;
        foreach (var raw in columns)
        {
            if (raw is not ColumnSelectable c)
                throw new InvalidRequestException($"Only column names are supported in the GROUP BY clause by Sibyl yet (got {raw.ToCql()})");
            var column = table.GetColumn(c.Column)
                ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(c.Column)} in table {table.QualifiedName}");
            if (!column.IsPrimaryKey)
                throw new InvalidRequestException($"Group by is currently only supported on the columns of the PRIMARY KEY, got {column.Name}");
            while (true)
            {
                if (next >= primaryKey.Count)
                    throw new InvalidRequestException("Group by currently only support groups of columns following their declared order in the PRIMARY KEY");
                var pkColumn = primaryKey[next++];
                if (pkColumn.Kind == ColumnKind.Clustering) clusteringPrefix++;
                if (pkColumn.Name == column.Name) break;
                if (!IsRestrictedByEq(where, pkColumn))
                    throw new InvalidRequestException("Group by currently only support groups of columns following their declared order in the PRIMARY KEY");
            }
        }
        if (next < primaryKey.Count && primaryKey[next].Kind == ColumnKind.PartitionKey)
            throw new InvalidRequestException("Group by is not supported on only a part of the partition key");
        if (clusteringPrefix > 0 && isDistinct)
            throw new InvalidRequestException("Grouping on clustering columns is not allowed for SELECT DISTINCT queries");
        return new GroupBy(clusteringPrefix);
    }

    private static bool IsRestrictedByEq(WhereClause where, ColumnMetadata column) => column.Kind == ColumnKind.PartitionKey
        ? where.PartitionKey[column.Position] is EqValue
        : column.Position < where.ClusteringPrefixSize;

    /// <summary>Whether a row belongs to the group of the previous row.</summary>
    public bool SameGroup(byte[] partitionKey, byte[][]? clustering, byte[]? groupPartitionKey, byte[][]? groupClustering)
    {
        if (groupPartitionKey is null || !partitionKey.AsSpan().SequenceEqual(groupPartitionKey)) return false;
        for (int i = 0; i < ClusteringPrefixSize; i++)
        {
            var a = clustering is not null && i < clustering.Length ? clustering[i] : null;
            var b = groupClustering is not null && i < groupClustering.Length ? groupClustering[i] : null;
            if (a is null || b is null) return a is null && b is null;
            if (!a.AsSpan().SequenceEqual(b)) return false;
        }
        return true;
    }

    /// <summary>The group key of a row: its clustering prefix.</summary>
    public byte[][] Prefix(byte[][]? clustering)
    {
        if (clustering is null) return [];
        int n = Math.Min(ClusteringPrefixSize, clustering.Length);
        return clustering[..n];
    }
}
