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
        // RENAME of primary key columns: the same kind and position under a new name; the views follow.
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in before.Columns.Values)
        {
            if (after.GetColumn(column.Name) is not null) continue;
            var renamed = column.IsPrimaryKey
                ? after.Columns.Values.FirstOrDefault(c => c.Kind == column.Kind && c.Position == column.Position && before.GetColumn(c.Name) is null)
                : null;
            if (renamed is null)
                throw new InvalidRequestException($"Cannot drop column {column.Name} on base table {before.Name} with materialized views.");
            renames[column.Name] = renamed.Name;
        }
        keyspace = keyspace.WithTable(after);
        if (renames.Count > 0)
            foreach (var view in views)
                keyspace = keyspace.WithTable(Renamed(view, renames));
        views = [.. keyspace.ViewsOf(before.Id)];
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

    /// <summary>A view with base primary key columns renamed: its columns, restrictions and WHERE text.</summary>
    private static TableMetadata Renamed(TableMetadata view, Dictionary<string, string> renames)
    {
        var definition = view.View!;
        var columns = view.Columns.Values.Select(c => renames.TryGetValue(c.Name, out var to) ? c with { Name = to } : c).ToList();
        var restrictions = definition.Restrictions.Select(r => renames.TryGetValue(r.Column, out var to) ? r with { Column = to } : r);
        string where = definition.WhereClause;
        foreach (var (from, to) in renames)
            where = System.Text.RegularExpressions.Regex.Replace(where, $@"(?<![\w""]){System.Text.RegularExpressions.Regex.Escape(Syntax.CqlNames.MaybeQuote(from))}(?![\w""])",
                Syntax.CqlNames.MaybeQuote(to).Replace("$", "$$", StringComparison.Ordinal));
        return new TableMetadata(view.Keyspace, view.Name, view.Id, columns, view.Params, view.IsVirtual, view.IsCounter, view.DroppedColumns)
        {
            Indexes = view.Indexes,
            View = definition with { Restrictions = [.. restrictions], WhereClause = where },
        };
    }
}
