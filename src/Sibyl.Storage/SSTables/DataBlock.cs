using System.Buffers;
using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Sibyl.Common.Compression;
using Sibyl.Common.Hashing;

namespace Sibyl.Storage.SSTables;

/// <summary>
/// One checksummed block of the data file (docs/formats/sstable.md, "Data.db"): a 9-byte header
/// (stored length, uncompressed length, compression), the payload, then the CRC32C of header and payload.
/// Write and read live together here.
/// </summary>
internal sealed class DataBlock
{
    public const int HeaderSize = 9;
    public const int TrailerSize = 4;

    private DataBlock(long offset, long nextOffset, byte[] data)
    {
        Offset = offset;
        NextOffset = nextOffset;
        Data = data;
    }

    /// <summary>File offset of the block header.</summary>
    public long Offset { get; }

    /// <summary>File offset of the block that follows.</summary>
    public long NextOffset { get; }

    /// <summary>The uncompressed payload.</summary>
    public byte[] Data { get; }

    /// <summary>Writes a block; compresses when asked and when it saves space. Returns the bytes written.</summary>
    public static int Write(Stream output, ReadOnlySpan<byte> payload, CompressionKind compression, ref byte[] scratch)
    {
        int max = HeaderSize + Lz4Block.MaxCompressedLength(payload.Length) + payload.Length + TrailerSize;
        if (scratch.Length < max) scratch = new byte[max];
        var span = scratch.AsSpan();
        var kind = CompressionKind.None;
        int stored = 0;
        if (compression == CompressionKind.Lz4 && payload.Length > 0)
        {
            stored = Lz4Block.Compress(payload, span[HeaderSize..^TrailerSize]);
            if (stored > 0 && stored < payload.Length) kind = CompressionKind.Lz4;
        }
        if (kind == CompressionKind.None)
        {
            payload.CopyTo(span[HeaderSize..]);
            stored = payload.Length;
        }
        BinaryPrimitives.WriteInt32BigEndian(span, stored);
        BinaryPrimitives.WriteInt32BigEndian(span[4..], payload.Length);
        span[8] = (byte)kind;
        int total = HeaderSize + stored;
        BinaryPrimitives.WriteUInt32BigEndian(span[total..], Crc32C.Compute(span[..total]));
        output.Write(span[..(total + TrailerSize)]);
        return total + TrailerSize;
    }

    /// <summary>
    /// Reads and verifies the block at <paramref name="offset"/>. <paramref name="keep"/>, given the block's length
    /// once its header is read, says whether the block will be kept long (cached): its bytes are then allocated on
    /// the pinned object heap, which the collector never moves.
    /// </summary>
    public static DataBlock Read(SafeFileHandle file, long offset, string path, Func<int, bool>? keep = null)
    {
        // One read for the header and, usually, the whole body: blocks are about chunk_length_in_kb when stored.
        const int FirstRead = HeaderSize + ExpectedStoredSize + TrailerSize;
        var buffer = ArrayPool<byte>.Shared.Rent(FirstRead);
        try
        {
            int read = PositionalRead.ReadAtLeast(file, buffer.AsSpan(0, FirstRead), offset, HeaderSize);
            if (read < HeaderSize)
                throw new CorruptSSTableException(path, $"truncated block header at {offset}");
            var header = buffer.AsSpan(0, HeaderSize);
            int stored = BinaryPrimitives.ReadInt32BigEndian(header);
            int length = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
            var kind = (CompressionKind)header[8];
            if (stored < 0 || length < 0 || stored > 1 << 30 || length > 1 << 30 || kind > CompressionKind.Lz4
                || (kind == CompressionKind.None && stored != length))
                throw new CorruptSSTableException(path, $"bad block header at {offset}");
            int total = HeaderSize + stored + TrailerSize;
            if (total > buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(total);
                buffer.AsSpan(0, read).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            if (read < total && PositionalRead.ReadAtLeast(file, buffer.AsSpan(read, total - read), offset + read, total - read) < total - read)
                throw new CorruptSSTableException(path, $"truncated block at {offset}");
            var span = buffer.AsSpan(HeaderSize, stored + TrailerSize);
            uint crc = Crc32C.Compute(buffer.AsSpan(0, HeaderSize + stored));
            if (crc != BinaryPrimitives.ReadUInt32BigEndian(span[stored..]))
                throw new CorruptSSTableException(path, $"checksum mismatch in block at {offset}");
            // Only a block the caller keeps (cached) goes to the pinned object heap, which the collector never moves.
            bool longLived = keep?.Invoke(length) ?? false;
            var data = GC.AllocateUninitializedArray<byte>(length, longLived);
            if (kind == CompressionKind.None)
                span[..stored].CopyTo(data);
            else if (!Lz4Block.TryDecompress(span[..stored], data))
                throw new CorruptSSTableException(path, $"corrupt compressed block at {offset}");
            return new DataBlock(offset, offset + total, data);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>What a first read of a block asks for beyond its header: the default chunk length and some.</summary>
    private const int ExpectedStoredSize = 17 * 1024;
}
