using System.Buffers.Binary;

namespace Sibyl.Cql.Operations;

/// <summary>
/// The cell paths of list elements: version 1 time UUIDs, ordered by the timeuuid comparator the way the list
/// is. Appends take the request's clock; prepends mirror it around Cassandra's reference time (2010-01-01, its
/// PrecisionTime) so each later prepend sorts before every earlier element. The low 8 bytes carry, 7 bits per
/// byte (so byte-wise signed comparison keeps their order), a per-request sequence that orders the elements one
/// request writes, including several statements of a batch, then a per-request random salt that keeps paths of
/// different coordinators apart. Each prepend of a request also moves its time back by its own block number,
/// so a batch's later prepends land in front.
/// </summary>
public static class ListCellPath
{
    private const long GregorianOffset = 0x01B21DD213814000L; // 100 ns intervals from 1582-10-15 to 1970-01-01
    private const long ReferenceMicros = 1262304000000L * 1000;

    public static byte[] ForAppend(long unixMicros, long sequence, int salt = 0) => Create(unixMicros * 10, sequence, salt);

    public static byte[] ForPrepend(long unixMicros, long block, long sequence, int salt = 0) =>
        Create((ReferenceMicros - (unixMicros - ReferenceMicros)) * 10 - block, sequence, salt);

    /// <summary>A version 1 UUID at <paramref name="unixTicks"/> (100 ns units since 1970).</summary>
    private static byte[] Create(long unixTicks, long sequence, int salt)
    {
        long time = unixTicks + GregorianOffset;
        var uuid = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(uuid, (uint)time);
        BinaryPrimitives.WriteUInt16BigEndian(uuid.AsSpan(4), (ushort)(time >> 32));
        BinaryPrimitives.WriteUInt16BigEndian(uuid.AsSpan(6), (ushort)(((time >> 48) & 0x0FFF) | 0x1000));
        uuid[8] = 0x80; // RFC 4122 variant
        for (int i = 15; i >= 13; i--)
        {
            uuid[i] = (byte)(salt & 0x7F);
            salt >>= 7;
        }
        for (int i = 12; i >= 9; i--)
        {
            uuid[i] = (byte)(sequence & 0x7F);
            sequence >>= 7;
        }
        return uuid;
    }
}
