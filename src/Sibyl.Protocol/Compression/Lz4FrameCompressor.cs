using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// LZ4 as Cassandra's v4 envelope uses it: a 4-byte big-endian uncompressed length, then one raw LZ4 block.
/// Calls the system liblz4 (<c>liblz4.so.1</c>), so nothing is reimplemented. Stateless and thread-safe.
/// </summary>
public sealed partial class Lz4FrameCompressor : IFrameCompressor
{
    public static readonly Lz4FrameCompressor Instance = new();

    public string Name => "lz4";

    public int MaxCompressedLength(int length) => 4 + NativeMethods.LZ4_compressBound(length);

    public unsafe int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, source.Length);
        int written;
        fixed (byte* src = source)
        fixed (byte* dst = destination[4..])
        {
            written = NativeMethods.LZ4_compress_default(src, dst, source.Length, destination.Length - 4);
        }
        if (written <= 0)
            throw new InvalidOperationException("LZ4 compression failed");
        return 4 + written;
    }

    public unsafe byte[] Decompress(ReadOnlySpan<byte> source, int maxLength)
    {
        if (source.Length < 4)
            throw new ProtocolException("Compressed body too short for its LZ4 length prefix");
        int length = BinaryPrimitives.ReadInt32BigEndian(source);
        if (length < 0 || length > maxLength)
            throw new ProtocolException($"Invalid LZ4 uncompressed length {length}");
        var result = GC.AllocateUninitializedArray<byte>(length);
        if (length == 0)
            return result;
        int read;
        fixed (byte* src = source[4..])
        fixed (byte* dst = result)
        {
            read = NativeMethods.LZ4_decompress_safe(src, dst, source.Length - 4, length);
        }
        if (read != length)
            throw new ProtocolException("Corrupt LZ4 compressed body");
        return result;
    }

    private static unsafe partial class NativeMethods
    {
        private const string Library = "liblz4.so.1";

        [LibraryImport(Library)]
        internal static partial int LZ4_compressBound(int inputSize);

        [LibraryImport(Library)]
        internal static partial int LZ4_compress_default(byte* src, byte* dst, int srcSize, int dstCapacity);

        [LibraryImport(Library)]
        internal static partial int LZ4_decompress_safe(byte* src, byte* dst, int compressedSize, int dstCapacity);
    }
}
