using System.Collections.Immutable;

namespace Sibyl.Schema;

/// <summary>
/// What makes a table a materialized view (Cassandra's ViewMetadata): the base table it is maintained from,
/// whether it selects every base column (SELECT *, so ALTER TABLE ADD reaches it), the WHERE clause as CQL
/// text (system_schema.views.where_clause) and its restrictions on base primary key columns, which decide
/// whether a base row has a view row. The view's own columns and key are those of its <see cref="TableMetadata"/>.
/// </summary>
public sealed record ViewMetadata(
    Guid BaseTableId,
    string BaseTableName,
    bool IncludeAllColumns,
    string WhereClause,
    ImmutableArray<ViewRestriction> Restrictions);

public enum ViewRestrictionOperator
{
    Eq,
    In,
    Lt,
    Lte,
    Gt,
    Gte,
}

/// <summary>One restriction of a view's WHERE clause on a base primary key column, with serialized values
/// (IS NOT NULL restrictions are implied by the view key and not listed).</summary>
public sealed record ViewRestriction(string Column, ViewRestrictionOperator Operator, ImmutableArray<byte[]> Values);

/// <summary>Finding the views of a base table.</summary>
public static class KeyspaceViews
{
    /// <summary>The materialized views maintained from <paramref name="baseTableId"/>, by name.</summary>
    public static IEnumerable<TableMetadata> ViewsOf(this KeyspaceMetadata keyspace, Guid baseTableId) =>
        keyspace.Tables.Values.Where(t => t.View is { } v && v.BaseTableId == baseTableId);
}
