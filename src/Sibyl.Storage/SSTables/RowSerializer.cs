using System.Text;
using Sibyl.Data.Model;
using Sibyl.Storage.Memtables;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// The one description of how partition contents are laid out inside data blocks (see
/// docs/formats/sstable.md, "Partition layout"): each Write has its Read beside it, so the two cannot drift.
/// Memtable slabs keep rows in the same layout, except that column names are ids of the memtable's
/// <see cref="ColumnNameTable"/> (never written to disk).
/// </summary>
internal static partial class RowSerializer
{
    // Row flags.
    private const byte HasLiveness = 0x01;
    private const byte HasDeletion = 0x02;
    private const byte IsStaticRow = 0x04;
    private const byte HasComplexDeletions = 0x08;

    // Cell flags.
    private const byte CellHasPath = 0x01;

    /// <summary>Marker before each row of a partition; <see cref="EndOfPartition"/> closes it.</summary>
    public const byte RowMarker = 0x01;
    public const byte EndOfPartition = 0x00;

    public static void WriteClustering(ByteWriter w, byte[][] values)
    {
        w.WriteUnsignedVInt((ulong)values.Length);
        foreach (var v in values) w.WriteWithLength(v);
    }

    public static byte[][] ReadClusteringValues(ref ByteReader r)
    {
        int count = r.ReadLength();
        if (count > r.Remaining) throw new InvalidDataException($"Clustering of {count} values at {r.Position}");
        if (count == 0) return []; // every row of a table without clustering columns
        var values = new byte[count][];
        for (int i = 0; i < count; i++) values[i] = r.ReadWithLength();
        return values;
    }

    public static void WriteDeletion(ByteWriter w, DeletionTime d)
    {
        w.WriteInt64(d.MarkedForDeleteAt);
        w.WriteInt32(d.LocalDeletionTime);
    }

    public static DeletionTime ReadDeletion(ref ByteReader r) => new(r.ReadInt64(), r.ReadInt32());

    private static void WriteLiveness(ByteWriter w, LivenessInfo l)
    {
        w.WriteVInt(l.Timestamp);
        w.WriteUnsignedVInt((uint)l.Ttl);
        w.WriteVInt(l.LocalExpirationTime);
    }

    private static LivenessInfo ReadLiveness(ref ByteReader r) =>
        new(r.ReadVInt(), checked((int)r.ReadUnsignedVInt()), checked((int)r.ReadVInt()));

    public static void WriteRangeTombstone(ByteWriter w, RangeTombstone rt)
    {
        WriteClustering(w, rt.Slice.Start.Prefix);
        w.WriteByte(rt.Slice.Start.Inclusive ? (byte)1 : (byte)0);
        WriteClustering(w, rt.Slice.End.Prefix);
        w.WriteByte(rt.Slice.End.Inclusive ? (byte)1 : (byte)0);
        WriteDeletion(w, rt.Deletion);
    }

    public static RangeTombstone ReadRangeTombstone(ref ByteReader r)
    {
        var start = new ClusteringBound(ReadClusteringValues(ref r), r.ReadByte() != 0);
        var end = new ClusteringBound(ReadClusteringValues(ref r), r.ReadByte() != 0);
        return new RangeTombstone(new Slice(start, end), ReadDeletion(ref r));
    }

    public static void WriteRow(ByteWriter w, Row row, ColumnNameTable? names = null)
    {
        byte flags = 0;
        if (!row.PrimaryKeyLiveness.IsEmpty) flags |= HasLiveness;
        if (!row.Deletion.IsLive) flags |= HasDeletion;
        if (row.IsStatic) flags |= IsStaticRow;
        if (row.ComplexDeletions.Length > 0) flags |= HasComplexDeletions;
        w.WriteByte(flags);
        if (!row.IsStatic) WriteClustering(w, row.Clustering.Values);
        if ((flags & HasLiveness) != 0) WriteLiveness(w, row.PrimaryKeyLiveness);
        if ((flags & HasDeletion) != 0) WriteDeletion(w, row.Deletion);
        if ((flags & HasComplexDeletions) != 0)
        {
            w.WriteUnsignedVInt((ulong)row.ComplexDeletions.Length);
            foreach (var d in row.ComplexDeletions)
            {
                WriteName(w, d.Column, names);
                WriteDeletion(w, d.Deletion);
            }
        }
        w.WriteUnsignedVInt((ulong)row.Cells.Length);
        foreach (var cell in row.Cells) WriteCell(w, cell, names);
    }

    public static Row ReadRow(ref ByteReader r, ColumnNameTable? names = null)
    {
        byte flags = r.ReadByte();
        Clustering clustering;
        if ((flags & IsStaticRow) != 0) clustering = Clustering.StaticClustering;
        else
        {
            var values = ReadClusteringValues(ref r);
            clustering = values.Length == 0 ? Clustering.Empty : new Clustering(values);
        }
        var liveness = (flags & HasLiveness) != 0 ? ReadLiveness(ref r) : LivenessInfo.Empty;
        var deletion = (flags & HasDeletion) != 0 ? ReadDeletion(ref r) : DeletionTime.Live;
        ComplexDeletion[] complex = [];
        if ((flags & HasComplexDeletions) != 0)
        {
            int n = r.ReadLength();
            if (n > r.Remaining) throw new InvalidDataException($"Row of {n} complex deletions at {r.Position}");
            complex = new ComplexDeletion[n];
            for (int i = 0; i < n; i++)
            {
                string name = ReadName(ref r, names);
                complex[i] = new ComplexDeletion(name, ReadDeletion(ref r));
            }
        }
        int count = r.ReadLength();
        if (count > r.Remaining) throw new InvalidDataException($"Row of {count} cells at {r.Position}");
        var cells = new Cell[count];
        for (int i = 0; i < count; i++) cells[i] = ReadCell(ref r, names);
        return new Row(clustering, liveness, deletion, cells, complex);
    }

    private static void WriteCell(ByteWriter w, Cell cell, ColumnNameTable? names)
    {
        w.WriteByte(cell.Path is null ? (byte)0 : CellHasPath);
        WriteName(w, cell.Column, names);
        w.WriteVInt(cell.Timestamp);
        w.WriteUnsignedVInt((uint)cell.Ttl);
        w.WriteVInt(cell.LocalDeletionTime);
        if (cell.Path is not null) w.WriteWithLength(cell.Path);
        w.WriteWithLength(cell.Value);
    }

    private static Cell ReadCell(ref ByteReader r, ColumnNameTable? names)
    {
        byte flags = r.ReadByte();
        string column = ReadName(ref r, names);
        long timestamp = r.ReadVInt();
        int ttl = checked((int)r.ReadUnsignedVInt());
        int localDeletionTime = checked((int)r.ReadVInt());
        byte[]? path = (flags & CellHasPath) != 0 ? r.ReadWithLength() : null;
        return new Cell(column, path, r.ReadWithLength(), timestamp, ttl, localDeletionTime);
    }

    private static void WriteName(ByteWriter w, string name, ColumnNameTable? names)
    {
        if (names is not null)
        {
            w.WriteUnsignedVInt((uint)names.IdOf(name));
            return;
        }
        Span<byte> buffer = stackalloc byte[256];
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        if (max <= buffer.Length) w.WriteWithLength(buffer[..Encoding.UTF8.GetBytes(name, buffer)]);
        else w.WriteWithLength(Encoding.UTF8.GetBytes(name));
    }

    private static string ReadName(ref ByteReader r, ColumnNameTable? names) =>
        names is not null ? names.NameOf(r.ReadLength()) : ColumnNameCache.Decode(r.ReadSpan(r.ReadLength()));

    /// <summary>The partition header: key, partition deletion, range tombstones and static row.</summary>
    public static void WritePartitionHeader(ByteWriter w, byte[] key, DeletionTime deletion, IReadOnlyList<RangeTombstone> rangeTombstones, Row? staticRow)
    {
        w.WriteWithLength(key);
        WriteDeletion(w, deletion);
        w.WriteUnsignedVInt((ulong)rangeTombstones.Count);
        foreach (var rt in rangeTombstones) WriteRangeTombstone(w, rt);
        w.WriteByte(staticRow is null ? (byte)0 : (byte)1);
        if (staticRow is not null) WriteRow(w, staticRow);
    }

    public static PartitionHeader ReadPartitionHeader(ref ByteReader r)
    {
        byte[] key = r.ReadWithLength();
        var deletion = ReadDeletion(ref r);
        int count = r.ReadLength();
        if (count > r.Remaining) throw new InvalidDataException($"{count} range tombstones at {r.Position}");
        var rts = new RangeTombstone[count];
        for (int i = 0; i < count; i++) rts[i] = ReadRangeTombstone(ref r);
        Row? staticRow = r.ReadByte() != 0 ? ReadRow(ref r) : null;
        return new PartitionHeader(key, deletion, rts, staticRow);
    }
}

