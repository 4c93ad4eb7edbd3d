using Sibyl.Data.Model;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// One row of a memtable partition: its clustering (kept as an object for searches) and where its serialized
/// contents sit in the memtable's slabs. An overwrite that fits is written in place, a larger one moves to new
/// slab space; the object itself stays, so the old generation never points at young objects because of a write.
/// </summary>
internal sealed class MemtableRow(Clustering clustering)
{
    /// <summary>Heap bytes of this object: header, clustering and slab references, offset, length and capacity.</summary>
    public const int HeapOverhead = 16 + 8 + 8 + 16;

    public Clustering Clustering { get; } = clustering;
    public byte[] Slab = [];
    public int Offset;
    public int Length;

    /// <summary>Bytes of slab space this row owns from <see cref="Offset"/>: an overwrite that fits reuses them.</summary>
    public int Capacity;

    public ReadOnlySpan<byte> Bytes => Slab.AsSpan(Offset, Length);
}
