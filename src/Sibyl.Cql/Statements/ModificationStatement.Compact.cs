using Sibyl.Common.Errors;

namespace Sibyl.Cql.Statements;

/// <summary>
/// COMPACT STORAGE writes, as Cassandra 3.11's UpdateStatement and UpdateParameters make them: no row marker, so a
/// row lives only while a value does.
/// </summary>
public sealed partial class ModificationStatement
{
    /// <summary>
    /// Whether an INSERT into a compact table writes the row's primary-key liveness. A dense table needs its value
    /// column; one that declares none keeps the marker, which stands in for the empty value 3.11 writes there.
    /// </summary>
    private bool CompactRowMarker(bool insertRowMarker)
    {
        if (!insertRowMarker) return false;
        // 3.11 made a static compact table's columns static under a hidden clustering column: an INSERT setting
        // none of them names a row by its partition key alone, and is missing that clustering column.
        if (Table.IsStaticCompact && Operations.Count == 0)
            throw new InvalidRequestException("Some clustering keys are missing: " + Table.HiddenCompactColumns()[0].Name);
        if (!Table.IsDense) return false;
        var value = Table.CompactValueColumn;
        if (value is null) return true;
        foreach (var op in Operations)
            if (op.Column.Name == value.Name) return false;
        throw new InvalidRequestException($"Column {value.Name} is mandatory for this COMPACT STORAGE table");
    }

    /// <summary>
    /// A compact table with one clustering column made it the whole Thrift cell name, which may not be empty
    /// (3.11's UpdateParameters.newRow); compound clusterings may have empty components.
    /// </summary>
    private void CheckCompactClustering(byte[][] values)
    {
        if (Table.IsDense && !Table.IsCompound && values.Length == 1 && values[0].Length == 0)
            throw new InvalidRequestException("Invalid empty or null value for column " + Table.ClusteringColumns[0].Name);
    }
}
