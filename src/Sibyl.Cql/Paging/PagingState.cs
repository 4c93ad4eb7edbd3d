using System.Buffers.Binary;
using Sibyl.Common.Errors;

namespace Sibyl.Cql.Paging;

/// <summary>
/// Where the next page of a SELECT resumes: the last partition key and clustering returned, the rows still
/// allowed by LIMIT, and those still allowed in the last partition by PER PARTITION LIMIT. Opaque to
/// clients; its layout is Sibyl's own (version byte first).
/// </summary>
public sealed record PagingState(byte[] PartitionKey, byte[][]? Clustering, int RemainingLimit, int RemainingInPartition)
{
    private const byte Version = 1;

    public byte[] Serialize()
    {
        int size = 1 + 4 + PartitionKey.Length + 2 + 8;
        if (Clustering is not null) foreach (var c in Clustering) size += 4 + c.Length;
        var buffer = new byte[size];
        var span = buffer.AsSpan();
        span[0] = Version;
        int pos = 1;
        BinaryPrimitives.WriteInt32BigEndian(span[pos..], PartitionKey.Length);
        pos += 4;
        PartitionKey.CopyTo(span[pos..]);
        pos += PartitionKey.Length;
        BinaryPrimitives.WriteInt16BigEndian(span[pos..], (short)(Clustering?.Length ?? -1));
        pos += 2;
        if (Clustering is not null)
        {
            foreach (var c in Clustering)
            {
                BinaryPrimitives.WriteInt32BigEndian(span[pos..], c.Length);
                pos += 4;
                c.CopyTo(span[pos..]);
                pos += c.Length;
            }
        }
        BinaryPrimitives.WriteInt32BigEndian(span[pos..], RemainingLimit);
        BinaryPrimitives.WriteInt32BigEndian(span[(pos + 4)..], RemainingInPartition);
        return buffer;
    }

    public static PagingState Deserialize(ReadOnlySpan<byte> bytes)
    {
        try
        {
            if (bytes.Length < 1 || bytes[0] != Version) throw Invalid();
            int pos = 1;
            int keyLength = BinaryPrimitives.ReadInt32BigEndian(bytes[pos..]);
            pos += 4;
            if (keyLength < 0 || keyLength > bytes.Length - pos) throw Invalid();
            var key = bytes.Slice(pos, keyLength).ToArray();
            pos += keyLength;
            int count = BinaryPrimitives.ReadInt16BigEndian(bytes[pos..]);
            pos += 2;
            byte[][]? clustering = null;
            if (count >= 0)
            {
                clustering = new byte[count][];
                for (int i = 0; i < count; i++)
                {
                    int length = BinaryPrimitives.ReadInt32BigEndian(bytes[pos..]);
                    pos += 4;
                    if (length < 0 || length > bytes.Length - pos) throw Invalid();
                    clustering[i] = bytes.Slice(pos, length).ToArray();
                    pos += length;
                }
            }
            int remaining = BinaryPrimitives.ReadInt32BigEndian(bytes[pos..]);
            int inPartition = BinaryPrimitives.ReadInt32BigEndian(bytes[(pos + 4)..]);
            if (pos + 8 != bytes.Length) throw Invalid();
            return new PagingState(key, clustering, remaining, inPartition);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Invalid();
        }
    }

    private static ProtocolException Invalid() => new("Invalid value for the paging state");
}
