using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Schema;

namespace Sibyl.Cql.Restrictions;

/// <summary>
/// The restriction a query reads through a secondary index: the index, and how to compute the key of the
/// index partition to read. <see cref="ServesAllRestrictions"/> says that no other restriction remains to be
/// filtered, so reads can stop at the page size.
/// </summary>
public sealed class IndexRestriction(IndexMetadata index, ColumnMetadata column, Term? value, bool servesAllRestrictions)
{
    /// <summary>Whether an index partition can be read: false for storage-attached ranges, which scan and filter.</summary>
    public bool HasKey => value is not null;

    public IndexMetadata Index { get; } = index;
    public ColumnMetadata Column { get; } = column;
    public bool ServesAllRestrictions { get; } = servesAllRestrictions;

    /// <summary>The index partition key for the bound value.</summary>
    public byte[] IndexKey(QueryOptions options, QueryState state)
    {
        var v = value?.Bind(options, state);
        if (v is null) throw new InvalidRequestException($"Unsupported null value for indexed column {Column.Name}");
        if (QueryOptions.IsUnset(v)) throw new InvalidRequestException($"Unsupported unset value for indexed column {Column.Name}");
        SecondaryIndexRules.CheckExpressionValue(v);
        return Index.Target.Type == IndexTargetType.Entries ? MapEntryRestriction.IndexKey(v) : IndexMetadata.EntryKey(v);
    }
}

/// <summary>
/// Cassandra's rules for secondary index queries (StatementRestrictions with an IndexRegistry): which relation an
/// index supports, which one a query uses, and when ALLOW FILTERING is still required.
/// </summary>
public static class SecondaryIndexRules
{
    /// <summary>Cassandra's RowFilter.Expression.validateForIndexing: index expression values fit in 64K.</summary>
    public static byte[]? CheckExpressionValue(byte[]? value) =>
        value is { Length: > ushort.MaxValue } ? throw new InvalidRequestException("Index expression values may not be larger than 64K") : value;

    /// <summary>The index able to answer <c>column op value</c> (CassandraIndex.supportsExpression; SAI adds ranges).</summary>
    public static IndexMetadata? Supporting(TableMetadata table, ColumnMetadata column, RelationOperator op, bool mapEntry = false)
    {
        foreach (var index in table.Indexes)
        {
            var (name, type) = index.Target;
            if (name != column.Name) continue;
            bool supported = mapEntry ? op == RelationOperator.Eq && type == IndexTargetType.Entries : op switch
            {
                RelationOperator.Eq => type is IndexTargetType.Simple or IndexTargetType.Full,
                RelationOperator.Contains => type == IndexTargetType.Values,
                RelationOperator.ContainsKey => type == IndexTargetType.Keys,
                RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte =>
                    index.IsStorageAttached && type == IndexTargetType.Simple && !column.Type.IsCollection,
                _ => false,
            };
            if (supported) return index;
        }
        return null;
    }

    /// <summary>
    /// <c>(c) = (v)</c> on an indexed column is <c>c = v</c>: a one-column tuple is no real multi-column relation,
    /// so it may use the index like the plain relation.
    /// </summary>
    public static IReadOnlyList<RawRelation> Normalize(TableMetadata table, IReadOnlyList<RawRelation> relations)
    {
        if (table.Indexes.Length == 0) return relations;
        List<RawRelation>? result = null;
        for (int i = 0; i < relations.Count; i++)
        {
            if (relations[i] is MultiColumnRelation { Columns.Count: 1, Value: RawTupleLiteral { Elements.Count: 1 } tuple } multi
                && multi.Operator is RelationOperator.Eq
                && table.GetColumn(multi.Columns[0]) is { } column && Supporting(table, column, multi.Operator) is not null)
            {
                result ??= [.. relations];
                result[i] = new SingleColumnRelation(multi.Columns[0], multi.Operator, tuple.Elements[0]);
            }
        }
        return result ?? relations;
    }

    /// <summary>Whether any relation of the WHERE clause has a supporting index (Cassandra's hasQueriableIndex).</summary>
    public static bool HasQueriableIndex(TableMetadata table, IReadOnlyList<RawRelation> relations)
    {
        if (table.Indexes.Length == 0) return false;
        foreach (var relation in relations)
            if (relation is SingleColumnRelation single && table.GetColumn(single.Column) is { } column
                && Supporting(table, column, single.Operator) is not null)
                return true;
            else if (relation is MapElementRelation entry && table.GetColumn(entry.Column) is { } mapColumn
                && Supporting(table, mapColumn, entry.Operator, mapEntry: true) is not null)
                return true;
        return false;
    }

    /// <summary>
    /// The index restriction a SELECT reads through, or null when it reads no index: a restriction the index
    /// answers by equality (CONTAINS / CONTAINS KEY on collections), among the filtered ones or the clustering EQs.
    /// </summary>
    internal static IndexRestriction? Choose(TableMetadata table, WhereClause clause, IReadOnlyList<(ColumnMetadata Column, Term Value)> clusteringEqs)
    {
        if (table.Indexes.Length == 0) return null;
        if (clause.Filters.Count == 0 && !clause.IsKeyRange) return null;
        var candidates = new List<(IndexMetadata Index, ColumnMetadata Column, Term Value, int Rank)>();
        foreach (var f in clause.Filters)
        {
            var (op, term) = f.Set is EqValue eq ? (RelationOperator.Eq, eq.Term) : (f.Operator, f.Value);
            if (f.Set is not null && f.Set is not EqValue) continue;
            if (op is not (RelationOperator.Eq or RelationOperator.Contains or RelationOperator.ContainsKey)) continue;
            if (Supporting(table, f.Column, op, f.IsMapEntry) is { } index)
                candidates.Add((index, f.Column, term, f.Column.IsPrimaryKey ? 2 : op == RelationOperator.Eq ? 0 : 1));
        }
        foreach (var (column, term) in clusteringEqs)
            if (Supporting(table, column, RelationOperator.Eq) is { } index)
                candidates.Add((index, column, term, 2));
        if (candidates.Count == 0)
        {
            // Ranges on storage-attached indexes: answered by a scan, without ALLOW FILTERING.
            foreach (var f in clause.Filters)
                if (f.Set is null && Supporting(table, f.Column, f.Operator) is { IsStorageAttached: true } sai)
                    return new IndexRestriction(sai, f.Column, null, false);
            return null;
        }
        var best = candidates.OrderBy(c => c.Rank).First();
        return new IndexRestriction(best.Index, best.Column, best.Value, RestrictedColumns(clause) <= 1 && !HasMultipleContains(clause));
    }

    /// <summary>
    /// Whether an index query still needs ALLOW FILTERING (StatementRestrictions.needFiltering): a native index answers
    /// one restriction, so any other restricted column (clustering ones included) must be filtered. Storage-attached
    /// indexes combine: every restriction needs only its own index.
    /// </summary>
    internal static bool NeedsFiltering(TableMetadata table, WhereClause clause, IndexRestriction index)
    {
        if (index.Index.IsStorageAttached)
        {
            foreach (var f in clause.Filters)
            {
                var op = f.Set is EqValue ? RelationOperator.Eq : f.Operator;
                if (f.Set is not null && f.Set is not EqValue) return true;
                if (Supporting(table, f.Column, op, f.IsMapEntry) is not { IsStorageAttached: true }) return true;
            }
            return clause.IsKeyRange && clause.HasClusteringRestrictions && index.Column.Kind != ColumnKind.Clustering;
        }
        return RestrictedColumns(clause) > 1 || HasMultipleContains(clause);
    }

    private static int RestrictedColumns(WhereClause clause)
    {
        var columns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in clause.Filters) columns.Add(f.Column.Name);
        // Clustering restrictions that select slices count when the query scans a key range through the index,
        // or when some clustering restriction needs filtering; otherwise they narrow the partition read.
        bool clusteringFiltered = clause.Filters.Any(f => f.Column.Kind == ColumnKind.Clustering);
        int clustering = clause.IsKeyRange || clusteringFiltered ? clause.ClusteringPrefixSize + (clause.HasClusteringSlice ? 1 : 0) : 0;
        for (int i = 0; i < clustering && i < clause.Table.ClusteringColumns.Length; i++)
            columns.Add(clause.Table.ClusteringColumns[i].Name);
        return columns.Count;
    }

    private static bool HasMultipleContains(WhereClause clause) =>
        clause.Filters.Where(f => f.IsMapEntry || f.Operator is RelationOperator.Contains or RelationOperator.ContainsKey)
            .GroupBy(f => f.Column.Name).Any(g => g.Count() > 1);
}
