using Sibyl.Data.Model;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Selection;

/// <summary>
/// Reads a non-frozen collection or UDT column back from its element cells: live cells ordered by the
/// collection's name comparator (timeuuid for lists, the element or key type for sets and maps, field position
/// for UDTs), serialized as the native protocol value. A collection without live elements is null.
/// </summary>
public static class ComplexValues
{
    /// <summary>The column's value in <paramref name="row"/>, or null.</summary>
    public static byte[]? Assemble(Row? row, ColumnMetadata column, int now, TableMetadata table)
    {
        if (row is null) return null;
        var cells = LiveCells(row, column, now, table);
        if (cells.Count == 0) return LegacyValue(row, column, now, table);
        switch (column.Type)
        {
            case ListType:
            {
                var values = new List<byte[]>(cells.Count);
                foreach (var cell in cells) values.Add(cell.Value);
                return CollectionSerializer.PackList(values);
            }
            case SetType:
            {
                var values = new List<byte[]>(cells.Count);
                foreach (var cell in cells) values.Add(cell.Path!);
                return CollectionSerializer.Pack(values, values.Count);
            }
            case MapType:
            {
                var values = new List<byte[]>(cells.Count * 2);
                foreach (var cell in cells)
                {
                    values.Add(cell.Path!);
                    values.Add(cell.Value);
                }
                return CollectionSerializer.Pack(values, cells.Count);
            }
            case UserType udt:
            {
                var fields = new byte[]?[udt.FieldTypes.Count];
                foreach (var cell in cells)
                {
                    int position = FieldPosition(cell.Path!);
                    if (position < fields.Length) fields[position] = cell.Value;
                }
                return TupleType.BuildValue(fields);
            }
            default:
                return null;
        }
    }

    /// <summary>The live element cells of a list in list order.</summary>
    public static List<Cell> LiveListCells(Row? row, ColumnMetadata column, int now) =>
        row is null ? [] : LiveCells(row, column, now, null);

    /// <summary>Live element cells of the column sorted by the type's cell-path order.</summary>
    public static List<Cell> LiveCells(Row row, ColumnMetadata column, int now, TableMetadata? table)
    {
        var span = row.ComplexCells(column.Name);
        var result = new List<Cell>(span.Length);
        long droppedAt = table is not null && table.DroppedColumns.TryGetValue(column.Name, out var dropped) ? dropped.DroppedTime : long.MinValue;
        foreach (var cell in span)
            if (cell.IsLive(now) && !cell.IsTombstone && cell.Timestamp > droppedAt) result.Add(cell);
        var comparator = PathComparator(column.Type);
        if (comparator is not null && result.Count > 1)
            result.Sort((a, b) => comparator.Compare(a.Path, b.Path));
        return result;
    }

    /// <summary>The type cell paths compare with; null when byte order is already right (UDT field positions).</summary>
    private static CqlType? PathComparator(CqlType type) => type switch
    {
        CollectionType collection => collection.NameComparator,
        _ => null,
    };

    public static int FieldPosition(byte[] path) => path.Length >= 2 ? (path[0] << 8) | path[1] : int.MaxValue;

    /// <summary>A whole-value cell written before the column's elements became cells.</summary>
    private static byte[]? LegacyValue(Row row, ColumnMetadata column, int now, TableMetadata table)
    {
        var cell = row.GetCell(column.Name);
        if (cell is null || !cell.IsLive(now) || cell.IsTombstone) return null;
        if (table.DroppedColumns.TryGetValue(column.Name, out var dropped) && cell.Timestamp <= dropped.DroppedTime) return null;
        return cell.Value is { Length: 4 } v && v.AsSpan().SequenceEqual(new byte[4]) && column.Type is CollectionType ? null : cell.Value;
    }
}
