using Sibyl.Data.Model;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// What the objects of a memtable really cost on a 64-bit heap, object headers and references included, so the
/// memtable size that triggers a flush bounds memory rather than counting payload bytes only. Row contents
/// live in slabs, counted by <see cref="MemtableSlabs.AllocatedBytes"/>; column names are shared with the schema.
/// </summary>
internal static class MemtableHeapSize
{
    private const int ObjectHeader = 16;
    private const int ArrayHeader = 24;

    /// <summary>A byte array of <paramref name="length"/> bytes, padded to 8.</summary>
    public static int Bytes(int length) => ArrayHeader + ((length + 7) & ~7);

    /// <summary>A row's clustering object (nothing for a table without clustering columns: one shared instance).</summary>
    public static long Of(Clustering clustering)
    {
        if (clustering.Values.Length == 0) return 0;
        long size = ObjectHeader + 16 + ArrayHeader + 8L * clustering.Values.Length;
        foreach (var v in clustering.Values) size += Bytes(v.Length);
        return size;
    }

    public static long Of(RangeTombstone rt)
    {
        long size = ObjectHeader + 48 + 2 * (ArrayHeader + 8);
        foreach (var v in rt.Slice.Start.Prefix) size += Bytes(v.Length) + 8;
        foreach (var v in rt.Slice.End.Prefix) size += Bytes(v.Length) + 8;
        return size;
    }
}
