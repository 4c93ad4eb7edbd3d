using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>Index names are unique per keyspace (KeyspaceMetadata.hasIndex / findAvailableIndexName).</summary>
internal static class IndexNames
{
    public static (TableMetadata Table, IndexMetadata Index)? Find(KeyspaceMetadata keyspace, string name)
    {
        foreach (var table in keyspace.Tables.Values)
            foreach (var index in table.Indexes)
                if (index.Name == name) return (table, index);
        return null;
    }

    /// <summary>The base name, or base_1, base_2... when taken.</summary>
    public static string Available(KeyspaceMetadata keyspace, string baseName)
    {
        if (Find(keyspace, baseName) is null) return baseName;
        for (int i = 1; ; i++)
        {
            string name = baseName + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Find(keyspace, name) is null) return name;
        }
    }

    /// <summary>ALTER TABLE may not drop or rename a column an index depends on.</summary>
    public static void RefuseDependentIndexes(TableMetadata table, string column, string action)
    {
        var dependent = table.Indexes.Where(i => i.Target.Column == column).Select(i => i.Name).ToList();
        if (dependent.Count > 0)
            throw new Sibyl.Common.Errors.InvalidRequestException($"{action} column {column} because it has dependent secondary indexes ({string.Join(",", dependent)})");
    }
}
