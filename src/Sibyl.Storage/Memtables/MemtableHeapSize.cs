using Sibyl.Data.Model;

namespace Sibyl.Storage.Memtables;

/// <summary>
/// What memtable contents really cost on a 64-bit heap, object headers and references included, so the
/// memtable size that triggers a flush bounds memory rather than counting payload bytes only (a 100-byte
/// value in a one-cell row costs about 400 bytes). Column names are shared with the schema and not counted.
/// </summary>
internal static class MemtableHeapSize
{
    private const int ObjectHeader = 16;
    private const int ArrayHeader = 24;

    /// <summary>A byte array of <paramref name="length"/> bytes, padded to 8.</summary>
    public static int Bytes(int length) => ArrayHeader + ((length + 7) & ~7);

    public static long Of(Row row)
    {
        // Row: header, clustering and cells references, liveness (24) and deletion (16) structs.
        long size = ObjectHeader + 16 + 24 + 16;
        var clustering = row.Clustering;
        if (clustering.Values.Length > 0)
        {
            size += ObjectHeader + 16 + ArrayHeader + 8L * clustering.Values.Length;
            foreach (var v in clustering.Values) size += Bytes(v.Length);
        }
        size += ArrayHeader + 8L * row.Cells.Length;
        // Complex deletions: an array of (column reference, deletion time) entries.
        if (row.ComplexDeletions.Length > 0) size += ArrayHeader + 32L * row.ComplexDeletions.Length;
        foreach (var cell in row.Cells)
        {
            // Cell: header, column, path and value references, timestamp, ttl and local deletion time.
            size += ObjectHeader + 24 + 16 + Bytes(cell.Value.Length);
            if (cell.Path is not null) size += Bytes(cell.Path.Length);
        }
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
