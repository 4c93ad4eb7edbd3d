using System.Text;

namespace Sibyl.Schema.SystemTables;

public static partial class SystemRows
{
    /// <summary>A system_schema.columns row for a column Cassandra 3.11 adds to a compact table and hides from CQL.</summary>
    private static Dictionary<string, object?> HiddenCompactColumnRow(string keyspace, string table, string name, string type, ColumnKind kind) => new()
    {
        ["keyspace_name"] = keyspace,
        ["table_name"] = table,
        ["column_name"] = name,
        ["clustering_order"] = kind == ColumnKind.Clustering ? "asc" : "none",
        ["column_name_bytes"] = Encoding.UTF8.GetBytes(name),
        ["kind"] = kind.ToSchemaString(),
        ["position"] = kind == ColumnKind.Clustering ? 0 : -1,
        ["type"] = type,
    };
}
