using System.Numerics;

namespace Sibyl.Common.Binary;

/// <summary>
/// Cassandra's variable-length integers (org.apache.cassandra.utils.vint.VIntCoding): the number of
/// leading one bits of the first byte is the number of extra bytes that follow; the remaining bits of
/// the first byte and the extra bytes hold the value big-endian. A 9-byte form (first byte 0xFF)
/// carries a full 64-bit value. Signed values are zigzag-encoded first. Used by duration values,
/// SSTable and internode formats.
/// </summary>
public static class VIntCoding
{
    public const int MaxSize = 9;

    /// <summary>Bytes needed for an unsigned vint.</summary>
    public static int ComputeUnsignedVIntSize(ulong value)
    {
        int magnitude = BitOperations.LeadingZeroCount(value | 1);
        return (639 - magnitude * 9) >> 6;
    }

    public static int ComputeVIntSize(long value) => ComputeUnsignedVIntSize(EncodeZigZag64(value));

    public static ulong EncodeZigZag64(long n) => (ulong)((n << 1) ^ (n >> 63));

    public static long DecodeZigZag64(ulong n) => (long)(n >> 1) ^ -(long)(n & 1);

    /// <summary>Writes an unsigned vint; returns the bytes written. The destination must hold <see cref="ComputeUnsignedVIntSize"/> bytes.</summary>
    public static int WriteUnsignedVInt(ulong value, Span<byte> destination)
    {
        int size = ComputeUnsignedVIntSize(value);
        if (destination.Length < size)
            ThrowHelper.ThrowArgument("Destination too small for vint", nameof(destination));
        if (size == 1)
        {
            destination[0] = (byte)value;
            return 1;
        }

        int extraBytes = size - 1;
        for (int i = size - 1; i >= 0; i--)
        {
            destination[i] = (byte)value;
            value >>= 8;
        }

        // The size marker: extraBytes leading one bits (for 8 extra bytes the first byte is all marker).
        destination[0] |= (byte)(0xFF << (8 - extraBytes));
        return size;
    }

    public static int WriteVInt(long value, Span<byte> destination) => WriteUnsignedVInt(EncodeZigZag64(value), destination);

    /// <summary>Reads an unsigned vint; false when the source ends before the value does.</summary>
    public static bool TryReadUnsignedVInt(ReadOnlySpan<byte> source, out ulong value, out int bytesRead)
    {
        value = 0;
        bytesRead = 0;
        if (source.IsEmpty)
            return false;
        byte first = source[0];
        int extraBytes = BitOperations.LeadingZeroCount((uint)(byte)~first) - 24;
        int size = extraBytes + 1;
        if (source.Length < size)
            return false;
        ulong result = (ulong)(first & (0xFF >> extraBytes));
        for (int i = 1; i < size; i++)
            result = (result << 8) | source[i];
        value = result;
        bytesRead = size;
        return true;
    }

    public static bool TryReadVInt(ReadOnlySpan<byte> source, out long value, out int bytesRead)
    {
        bool ok = TryReadUnsignedVInt(source, out ulong raw, out bytesRead);
        value = DecodeZigZag64(raw);
        return ok;
    }

    /// <summary>Reads an unsigned vint or throws <see cref="InvalidDataException"/>.</summary>
    public static ulong ReadUnsignedVInt(ReadOnlySpan<byte> source, out int bytesRead)
    {
        if (!TryReadUnsignedVInt(source, out ulong value, out bytesRead))
            ThrowHelper.ThrowInvalidData("Truncated vint");
        return value;
    }

    public static long ReadVInt(ReadOnlySpan<byte> source, out int bytesRead) =>
        DecodeZigZag64(ReadUnsignedVInt(source, out bytesRead));
}
