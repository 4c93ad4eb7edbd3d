namespace Sibyl.Schema;

/// <summary>The role of a column in its table, named as system_schema.columns.kind spells it.</summary>
public enum ColumnKind
{
    PartitionKey,
    Clustering,
    Static,
    Regular,
}

public static class ColumnKindNames
{
    public static string ToSchemaString(this ColumnKind kind) => kind switch
    {
        ColumnKind.PartitionKey => "partition_key",
        ColumnKind.Clustering => "clustering",
        ColumnKind.Static => "static",
        _ => "regular",
    };
}
