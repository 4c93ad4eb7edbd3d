using System.Buffers.Binary;

namespace Sibyl.Data.Types;

/// <summary>
/// CQL timeuuid (TimeUUIDType): a version 1 UUID, ordered by its 60-bit timestamp, then by the low
/// 8 bytes compared as signed bytes, as Cassandra does for compatibility.
/// </summary>
public sealed class TimeuuidType : CqlType
{
    internal TimeuuidType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Timeuuid;
    public override string CqlName => "timeuuid";
    public override string MarshalClassName => MarshalPackage + "TimeUUIDType";
    public override int ValueLengthIfFixed => 16;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int e = CompareEmpty(left, right, out bool decided);
        if (decided)
            return e;
        int c = UuidBytes.Timestamp(left).CompareTo(UuidBytes.Timestamp(right));
        if (c != 0)
            return c;
        // Flipping the sign bit of every byte but the first makes a signed long compare byte-wise signed.
        long l = BinaryPrimitives.ReadInt64BigEndian(left[8..]) ^ 0x0080808080808080L;
        long r = BinaryPrimitives.ReadInt64BigEndian(right[8..]) ^ 0x0080808080808080L;
        return l.CompareTo(r);
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 16 && value.Length != 0)
            throw new MarshalException($"UUID should be 16 or 0 bytes ({value.Length})");
        if (value.Length == 16 && (value[6] & 0xF0) != 0x10)
            throw new MarshalException("Invalid version for TimeUUID type.");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : UuidBytes.ToGuid(value).ToString("D");

    public override byte[] FromString(string text)
    {
        byte[] parsed = UuidType.Parse(text) ?? throw new MarshalException($"Unknown timeuuid representation: {text}");
        if (parsed.Length == 16 && UuidBytes.Version(parsed) != 1)
            throw new MarshalException("TimeUUID supports only version 1 UUIDs");
        return parsed;
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : UuidBytes.ToGuid(value);
    }

    public override byte[] Decompose(object value)
    {
        byte[] bytes = UuidBytes.FromGuid((Guid)value);
        Validate(bytes);
        return bytes;
    }
}
