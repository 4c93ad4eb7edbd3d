namespace Sibyl.Schema;

/// <summary>
/// COMPACT STORAGE tables (Cassandra 3.x, CFMetaData's dense/compound flags). Sibyl stores them like CQL tables
/// without row markers: a row exists only while one of its regular columns has a live value. The columns of a
/// static compact table (no clustering column) stay regular columns here, where Cassandra 3.11 made them static
/// under a hidden clustering column; results are the same, and the hidden columns only appear in
/// system_schema.columns, as 3.11 shows them.
/// </summary>
public sealed partial class TableMetadata
{
    /// <summary>Created WITH COMPACT STORAGE (and not yet converted by ALTER TABLE ... DROP COMPACT STORAGE).</summary>
    public bool IsCompactStorage { get; init; }

    public TableMetadata WithCompactStorage(bool compact) =>
        new(Keyspace, Name, Id, [.. Columns.Values], Params, IsVirtual, IsCounter, DroppedColumns) { Indexes = Indexes, View = View, IsCompactStorage = compact };

    /// <summary>Cassandra's dense: a compact table with clustering columns, whose one regular column is the cell value.</summary>
    public bool IsDense => IsCompactStorage && ClusteringColumns.Length > 0;

    /// <summary>Cassandra's compound: false for compact tables with at most one clustering column.</summary>
    public bool IsCompound => !(IsCompactStorage && ClusteringColumns.Length <= 1);

    /// <summary>A compact table without clustering columns (Thrift's static column family).</summary>
    public bool IsStaticCompact => IsCompactStorage && ClusteringColumns.Length == 0;

    /// <summary>The value column of a dense table, or null when it declares none (3.11's hidden EmptyType value).</summary>
    public ColumnMetadata? CompactValueColumn => IsDense && RegularColumns.Length == 1 ? RegularColumns[0] : null;

    /// <summary>system_schema.tables flags as Cassandra 3.11 writes them (sorted, as a set is serialized).</summary>
    public IReadOnlyList<string> Flags
    {
        get
        {
            var flags = new List<string>(3);
            if (IsCompound) flags.Add("compound");
            if (IsCounter) flags.Add("counter");
            if (IsDense) flags.Add("dense");
            return flags;
        }
    }

    /// <summary>
    /// The columns 3.11 adds to a compact table's definition and hides from CQL: a text clustering column and a
    /// blob (or counter) value for a static compact table, an empty-typed value for a dense table that declares
    /// no value column. Names avoid the declared ones: column1, column2, ... and value, value1, ...
    /// </summary>
    public IReadOnlyList<(string Name, string Type, ColumnKind Kind)> HiddenCompactColumns()
    {
        if (IsStaticCompact)
            return [(DefaultName("column", 1), "text", ColumnKind.Clustering), (DefaultName("value", 0), IsCounter ? "counter" : "blob", ColumnKind.Regular)];
        if (IsDense && RegularColumns.Length == 0)
            return [(DefaultName("value", 0), "empty", ColumnKind.Regular)];
        return [];
    }

    /// <summary>The kind system_schema.columns shows for a column: a static compact table's columns are static in 3.11.</summary>
    public ColumnKind SchemaKindOf(ColumnMetadata column) =>
        IsStaticCompact && column.Kind == ColumnKind.Regular ? ColumnKind.Static : column.Kind;

    private string DefaultName(string prefix, int first)
    {
        for (int i = first; ; i++)
        {
            string candidate = i == 0 ? prefix : prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!Columns.ContainsKey(candidate)) return candidate;
        }
    }
}
