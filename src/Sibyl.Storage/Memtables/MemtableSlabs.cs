using Sibyl.Data.Model;
using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// Keeps the rows of one memtable serialized in slab regions (<see cref="MemtableAllocator"/>), in the SSTable
/// row layout with column names as ids (<see cref="ColumnNameTable"/>). Reads and merges work on
/// <see cref="Row"/> objects loaded from there (short-lived, so they die young); most merges work on the bytes.
/// </summary>
internal sealed class MemtableSlabs
{
    private const int MaxKeptWriterSize = 1 << 20;

    [ThreadStatic]
    private static ByteWriter? t_writer;

    private readonly MemtableAllocator _allocator = new();
    private readonly ColumnNameTable _names = new();

    /// <summary>Bytes of slab space handed out, dead space of overwritten rows included.</summary>
    public long AllocatedBytes => _allocator.AllocatedBytes;

    /// <summary>Serializes <paramref name="row"/> into <paramref name="target"/>'s slab space, or new space when it has grown.</summary>
    public void Store(MemtableRow target, Row row)
    {
        var writer = Writer();
        RowSerializer.WriteRow(writer, row, _names);
        Place(target, writer);
    }

    private static ByteWriter Writer()
    {
        var writer = t_writer ??= new ByteWriter(512);
        writer.Clear();
        return writer;
    }

    private void Place(MemtableRow target, ByteWriter writer)
    {
        var bytes = writer.WrittenSpan;
        if (bytes.Length <= target.Capacity)
        {
            // Same shape or smaller (an overwrite of fixed-size values): in place. Safe because every reader of
            // a row holds its partition's lock, as this writer does.
            bytes.CopyTo(target.Slab.AsSpan(target.Offset));
            target.Length = bytes.Length;
        }
        else
        {
            var slab = _allocator.Allocate(bytes.Length, out int offset);
            bytes.CopyTo(slab.AsSpan(offset));
            target.Slab = slab;
            target.Offset = offset;
            target.Capacity = target.Length = bytes.Length;
        }
        if (bytes.Length > MaxKeptWriterSize) t_writer = null; // a rare huge row: do not keep its buffer
    }

    /// <summary>A new stored row holding <paramref name="row"/>.</summary>
    public MemtableRow Add(Row row)
    {
        var stored = new MemtableRow(row.Clustering);
        Store(stored, row);
        return stored;
    }

    public Row Load(MemtableRow stored)
    {
        var reader = new ByteReader(stored.Bytes);
        return RowSerializer.ReadRow(ref reader, _names);
    }

    /// <summary>Reconciles <paramref name="update"/> into a stored row (<see cref="Row.Merge"/>): on the serialized
    /// form when it can (no objects for the stored row, the common overwrite), through decoded rows otherwise.</summary>
    public void Merge(MemtableRow stored, Row update)
    {
        var writer = Writer();
        if (RowSerializer.TryMerge(writer, stored.Bytes, update, _names)) Place(stored, writer);
        else Store(stored, Row.Merge(Load(stored), update));
    }
}
