namespace Sibyl.Schema.SystemTables;

/// <summary>The rows of system_schema.indexes and system."IndexInfo", built from the schema snapshot.</summary>
internal static class IndexRows
{
    public static IEnumerable<Dictionary<string, object?>> Schema(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                foreach (var index in t.Indexes)
                {
                    yield return new()
                    {
                        ["keyspace_name"] = ks.Name,
                        ["table_name"] = t.Name,
                        ["index_name"] = index.Name,
                        ["kind"] = index.Kind.ToString().ToUpperInvariant(),
                        ["options"] = index.Options.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value)).ToList(),
                    };
                }
    }

    /// <summary>Indexes are built before CREATE INDEX returns, so every index in the schema is a built one.</summary>
    public static IEnumerable<Dictionary<string, object?>> Built(SchemaSnapshot schema)
    {
        foreach (var ks in schema.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                foreach (var index in t.Indexes)
                    yield return new() { ["table_name"] = ks.Name, ["index_name"] = index.Name };
    }
}
