using System.Buffers.Binary;
using System.Text;
using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>
/// One row of a result: its raw cells and the result's columns. Typed getters read the cell bytes directly;
/// <see cref="GetValue(int)"/> decodes any type through <see cref="CqlValueCodec"/>.
/// </summary>
public sealed class Row
{
    private readonly byte[]?[] _cells;

    internal Row(CqlColumns columns, byte[]?[] cells)
    {
        Columns = columns;
        _cells = cells;
    }

    public CqlColumns Columns { get; }

    public int Count => _cells.Length;

    /// <summary>The serialized cell, null for CQL null.</summary>
    public byte[]? GetRaw(int index) => _cells[index];

    public bool IsNull(int index) => _cells[index] is null;

    public bool IsNull(string column) => IsNull(Index(column));

    public int GetInt32(int index) => BinaryPrimitives.ReadInt32BigEndian(Cell(index, 4));

    public int GetInt32(string column) => GetInt32(Index(column));

    public long GetInt64(int index) => BinaryPrimitives.ReadInt64BigEndian(Cell(index, 8));

    public long GetInt64(string column) => GetInt64(Index(column));

    public short GetInt16(int index) => BinaryPrimitives.ReadInt16BigEndian(Cell(index, 2));

    public double GetDouble(int index) => BinaryPrimitives.ReadDoubleBigEndian(Cell(index, 8));

    public double GetDouble(string column) => GetDouble(Index(column));

    public float GetSingle(int index) => BinaryPrimitives.ReadSingleBigEndian(Cell(index, 4));

    public bool GetBoolean(int index) => Cell(index, 1)[0] != 0;

    public bool GetBoolean(string column) => GetBoolean(Index(column));

    /// <summary>text, varchar or ascii; null for CQL null.</summary>
    public string? GetString(int index) => _cells[index] is { } cell ? Encoding.UTF8.GetString(cell) : null;

    public string? GetString(string column) => GetString(Index(column));

    /// <summary>The cell's bytes (blob, or any type's serialized form); null for CQL null.</summary>
    public byte[]? GetBytes(int index) => _cells[index];

    public byte[]? GetBytes(string column) => GetBytes(Index(column));

    public Guid GetGuid(int index) => new(Cell(index, 16), bigEndian: true);

    public Guid GetGuid(string column) => GetGuid(Index(column));

    /// <summary>A timestamp column as a UTC instant.</summary>
    public DateTimeOffset GetDateTimeOffset(int index) => DateTimeOffset.FromUnixTimeMilliseconds(GetInt64(index));

    public DateTimeOffset GetDateTimeOffset(string column) => GetDateTimeOffset(Index(column));

    /// <summary>The cell decoded by its column type (see <see cref="CqlValueCodec"/> for the mapping); null for CQL null.</summary>
    public object? GetValue(int index)
    {
        var cell = _cells[index];
        return cell is null ? null : CqlValueCodec.Decode(ColumnType(index), cell);
    }

    public object? GetValue(string column) => GetValue(Index(column));

    /// <summary>A list or set column with elements of type <typeparamref name="T"/>; empty for CQL null (as Cassandra stores empty collections).</summary>
    public List<T> GetList<T>(int index)
    {
        var list = new List<T>();
        if (GetValue(index) is List<object?> values)
        {
            foreach (var value in values)
                list.Add((T)value!);
        }
        return list;
    }

    public List<T> GetList<T>(string column) => GetList<T>(Index(column));

    private ProtocolDataType ColumnType(int index) =>
        index < Columns.Count ? Columns[index].Type : throw new InvalidOperationException("The result carries no column types (metadata was skipped)");

    private int Index(string column)
    {
        int index = Columns.IndexOf(column);
        return index >= 0 ? index : throw new ArgumentException($"No column named '{column}' in this result", nameof(column));
    }

    private ReadOnlySpan<byte> Cell(int index, int size)
    {
        var cell = _cells[index] ?? throw new InvalidCastException($"Column {index} is null");
        if (cell.Length != size)
            throw new InvalidCastException($"Column {index} holds {cell.Length} bytes, not a {size}-byte value");
        return cell;
    }
}
