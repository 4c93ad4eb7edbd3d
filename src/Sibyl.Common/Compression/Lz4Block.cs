using System.Runtime.InteropServices;

namespace Sibyl.Common.Compression;

/// <summary>
/// Raw LZ4 blocks (no frame, no length prefix) through the system <c>liblz4.so.1</c>, for storage formats
/// that record lengths themselves. Stateless and thread-safe.
/// </summary>
public static partial class Lz4Block
{
    /// <summary>The largest compressed size of <paramref name="length"/> input bytes.</summary>
    public static int MaxCompressedLength(int length) => NativeMethods.LZ4_compressBound(length);

    /// <summary>Compresses into <paramref name="destination"/>; returns the bytes written, 0 when it does not fit.</summary>
    public static unsafe int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty) return 0;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return Math.Max(0, NativeMethods.LZ4_compress_default(src, dst, source.Length, destination.Length));
        }
    }

    /// <summary>Decompresses exactly <c>destination.Length</c> bytes; false when the input is corrupt.</summary>
    public static unsafe bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.IsEmpty) return source.IsEmpty;
        if (source.IsEmpty) return false;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return NativeMethods.LZ4_decompress_safe(src, dst, source.Length, destination.Length) == destination.Length;
        }
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
