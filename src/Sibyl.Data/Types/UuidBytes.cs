namespace Sibyl.Data.Types;

/// <summary>
/// Conversions between a UUID's wire form (16 bytes, most significant first, as java.util.UUID and
/// RFC 4122 write it) and <see cref="Guid"/>, whose in-memory layout is little-endian in its first
/// three fields. Always go through these helpers, never Guid.ToByteArray().
/// </summary>
public static class UuidBytes
{
    public static Guid ToGuid(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
            throw new MarshalException($"UUID should be 16 or 0 bytes ({bytes.Length})");
        return new Guid(bytes, bigEndian: true);
    }

    public static void FromGuid(Guid value, Span<byte> destination)
    {
        if (!value.TryWriteBytes(destination, bigEndian: true, out _))
            throw new ArgumentException("Destination must hold 16 bytes", nameof(destination));
    }

    public static byte[] FromGuid(Guid value)
    {
        var bytes = new byte[16];
        FromGuid(value, bytes);
        return bytes;
    }

    /// <summary>The version nibble (1 for time-based UUIDs, 4 for random ones).</summary>
    public static int Version(ReadOnlySpan<byte> bytes) => (bytes[6] >> 4) & 0x0F;

    /// <summary>100-nanosecond intervals between the Gregorian epoch (1582-10-15) and the Unix epoch.</summary>
    public const long GregorianOffset = 0x01B21DD213814000L;

    /// <summary>Microseconds since the Unix epoch of a version 1 (time) UUID.</summary>
    public static long UnixMicros(ReadOnlySpan<byte> bytes) => (Timestamp(bytes) - GregorianOffset) / 10;

    /// <summary>The 60-bit timestamp of a version 1 UUID (100ns units since 1582-10-15), time_hi first.</summary>
    public static long Timestamp(ReadOnlySpan<byte> bytes) =>
        ((long)(bytes[6] & 0x0F) << 56) | ((long)bytes[7] << 48) | ((long)bytes[4] << 40) | ((long)bytes[5] << 32)
        | ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
}
