using Sibyl.Common.Errors;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>
/// The rules other statements follow when materialized views are involved (Cassandra 4's DropTableStatement,
/// AlterTableStatement and TruncateStatement checks), kept here so those statements need one call each.
/// </summary>
internal static class ViewSchema
{
    public static TableMetadata RefuseTruncate(TableMetadata table) => table.IsView
        ? throw new InvalidRequestException("Cannot TRUNCATE materialized view directly; must truncate base table instead")
        : table;

    /// <summary>DROP TABLE: not on a view, and not while views depend on the table.</summary>
    public static void CheckDropTable(KeyspaceMetadata keyspace, TableMetadata table)
    {
        if (table.IsView)
            throw new InvalidRequestException("Cannot use DROP TABLE on a materialized view. Please use DROP MATERIALIZED VIEW instead.");
        var views = keyspace.ViewsOf(table.Id).Select(v => v.Name).ToList();
        if (views.Count > 0)
            throw new InvalidRequestException($"Cannot drop a table when materialized views still depend on it ({keyspace.Name}.{{{string.Join(", ", views)}}})");
    }

    /// <summary>ALTER TABLE on a view is refused.</summary>
    public static void CheckAlterTable(TableMetadata table)
    {
        if (table.IsView)
            throw new InvalidRequestException("Cannot use ALTER TABLE on a materialized view; use ALTER MATERIALIZED VIEW instead");
    }

    /// <summary>
    /// After ALTER TABLE changed a base table's columns: dropping a column is refused while views exist (Cassandra
    /// 4 refuses it for any view), and columns added to the base are added to its SELECT * views.
    /// </summary>
    public static KeyspaceMetadata WithAlteredBase(KeyspaceMetadata keyspace, TableMetadata before, TableMetadata after)
    {
        var views = keyspace.ViewsOf(before.Id).ToList();
        if (views.Count == 0) return keyspace.WithTable(after);
        foreach (var column in before.Columns.Keys)
            if (after.GetColumn(column) is null)
                throw new InvalidRequestException($"Cannot drop column {column} on base table {before.Name} with materialized views.");
        keyspace = keyspace.WithTable(after);
        foreach (var view in views)
        {
            if (!view.View!.IncludeAllColumns) continue;
            var added = after.Columns.Values.Where(c => c.Kind == ColumnKind.Regular && before.GetColumn(c.Name) is null && view.GetColumn(c.Name) is null)
                .Select(c => new ColumnMetadata(c.Name, c.Type, ColumnKind.Regular, -1, ClusteringOrder.None)).ToList();
            if (added.Count > 0)
                keyspace = keyspace.WithTable(view.WithColumns([.. view.Columns.Values, .. added], view.DroppedColumns));
        }
        return keyspace;
    }
}
