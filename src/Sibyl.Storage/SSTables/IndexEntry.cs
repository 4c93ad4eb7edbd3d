using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// Where one partition starts in the data file, and, for a partition spread over several blocks, its row
/// index: one segment per block with the first clustering stored in it. Index.db holds these in token order,
/// each framed by its length; Write and Read are the single description of an entry.
/// </summary>
internal sealed record IndexEntry(DecoratedKey Key, long HeaderBlock, int HeaderOffset, RowIndexSegment[] Segments)
{
    public bool HasRowIndex => Segments.Length > 0;

    /// <summary>About what the entry costs on the heap: the key cache's weight for it.</summary>
    public int HeapSize => 120 + Key.Key.Length + Segments.Length * 72 + Segments.Sum(s => s.FirstClustering.Values.Sum(v => v.Length + 24));

    public void Write(ByteWriter w, ByteWriter scratch)
    {
        scratch.Clear();
        scratch.WriteInt64(Key.Token.Value);
        scratch.WriteWithLength(Key.Key);
        scratch.WriteUnsignedVInt((ulong)HeaderBlock);
        scratch.WriteUnsignedVInt((ulong)HeaderOffset);
        scratch.WriteUnsignedVInt((ulong)Segments.Length);
        foreach (var s in Segments)
        {
            scratch.WriteUnsignedVInt((ulong)s.BlockOffset);
            scratch.WriteUnsignedVInt((ulong)s.InnerOffset);
            RowSerializer.WriteClustering(scratch, s.FirstClustering.Values);
        }
        w.WriteWithLength(scratch.WrittenSpan);
    }

    /// <summary>Reads the body of an entry (its length prefix already consumed).</summary>
    public static IndexEntry Read(ref ByteReader r)
    {
        var token = new Token(r.ReadInt64());
        var key = new DecoratedKey(token, r.ReadWithLength());
        long block = checked((long)r.ReadUnsignedVInt());
        int offset = r.ReadLength();
        int count = r.ReadLength();
        if (count > r.Remaining) throw new InvalidDataException($"Row index of {count} segments");
        var segments = count == 0 ? [] : new RowIndexSegment[count];
        for (int i = 0; i < count; i++)
            segments[i] = new RowIndexSegment(checked((long)r.ReadUnsignedVInt()), r.ReadLength(), new Clustering(RowSerializer.ReadClusteringValues(ref r)));
        return new IndexEntry(key, block, offset, segments);
    }
}

/// <summary>A block holding rows of a wide partition: its offset, where the partition's rows start in it, and the first clustering there.</summary>
internal readonly record struct RowIndexSegment(long BlockOffset, int InnerOffset, Clustering FirstClustering);
