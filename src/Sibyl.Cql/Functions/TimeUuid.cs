using System.Buffers.Binary;
using System.Security.Cryptography;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Functions;

/// <summary>Version 1 (time-based) UUIDs in their serialized big-endian form, as Cassandra's TimeUUID.</summary>
public static class TimeUuid
{
    private const long GregorianOffset = UuidBytes.GregorianOffset;

    /// <summary>A fresh time UUID for a microsecond timestamp, unique through random clock sequence and node bits.</summary>
    public static byte[] Create(long unixMicros)
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        long ticks = unixMicros * 10 + GregorianOffset + (random[7] % 10);
        return Build(ticks, BinaryPrimitives.ReadInt64BigEndian(random));
    }

    /// <summary>The smallest (min) or largest (max) time UUID for a millisecond timestamp (minTimeuuid/maxTimeuuid).</summary>
    public static byte[] Bound(long unixMillis, bool max)
    {
        long ticks = unixMillis * 10_000 + GregorianOffset + (max ? 9_999 : 0);
        // Cassandra compares the clock/node half as signed bytes: min is 0x8080..., max is 0x7f7f...
        long lsb = max ? 0x7f7f7f7f7f7f7f7fL : unchecked((long)0x8080808080808080UL);
        return Build(ticks, lsb);
    }

    private static byte[] Build(long ticks, long leastSignificant)
    {
        var bytes = new byte[16];
        uint timeLow = (uint)ticks;
        ushort timeMid = (ushort)(ticks >> 32);
        ushort timeHi = (ushort)(((ticks >> 48) & 0x0FFF) | 0x1000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, timeLow);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), timeMid);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(6), timeHi);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), leastSignificant);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // IETF variant
        return bytes;
    }

    /// <summary>Milliseconds since the Unix epoch encoded in a serialized time UUID.</summary>
    public static long UnixMillis(ReadOnlySpan<byte> uuid) => UuidBytes.UnixMicros(uuid) / 1000;
}
