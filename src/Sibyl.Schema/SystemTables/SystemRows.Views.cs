namespace Sibyl.Schema.SystemTables;

/// <summary>system_schema.views and system.built_views rows, from the live schema.</summary>
public static partial class SystemRows
{
    private static IEnumerable<Dictionary<string, object?>> ViewRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
        {
            if (ks.IsVirtual) continue;
            foreach (var t in ks.Tables.Values)
            {
                if (t.View is not { } v) continue;
                var p = t.Params;
                yield return new Dictionary<string, object?>
                {
                    ["keyspace_name"] = ks.Name,
                    ["view_name"] = t.Name,
                    ["base_table_id"] = v.BaseTableId,
                    ["base_table_name"] = v.BaseTableName,
                    ["id"] = t.Id,
                    ["include_all_columns"] = v.IncludeAllColumns,
                    ["where_clause"] = v.WhereClause,
                }.WithTableParams(p);
            }
        }
    }

    /// <summary>Views are built synchronously when created, so every view of the schema is built.</summary>
    private static IEnumerable<Dictionary<string, object?>> BuiltViewRows(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                if (t.IsView)
                    yield return new() { ["keyspace_name"] = ks.Name, ["view_name"] = t.Name, ["status_replicated"] = true };
    }
}
