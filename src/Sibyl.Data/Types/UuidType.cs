using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace Sibyl.Data.Types;

/// <summary>
/// CQL uuid (UUIDType): 16 bytes. Ordered by version first, then for version 1 by timestamp, then by
/// the bytes unsigned, as Cassandra's UUIDType.compareCustom.
/// </summary>
public sealed partial class UuidType : CqlType
{
    internal UuidType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Uuid;
    public override string CqlName => "uuid";
    public override string MarshalClassName => MarshalPackage + "UUIDType";
    public override int ValueLengthIfFixed => 16;

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex UuidPattern();

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        bool l = left.Length == 16, r = right.Length == 16;
        if (!(l && r))
            return l ? 1 : r ? -1 : 0;
        int v1 = UuidBytes.Version(left), v2 = UuidBytes.Version(right);
        if (v1 != v2)
            return v1 - v2;
        if (v1 == 1)
        {
            int c = UuidBytes.Timestamp(left).CompareTo(UuidBytes.Timestamp(right));
            if (c != 0)
                return c;
        }
        else
        {
            int c = BinaryPrimitives.ReadUInt64BigEndian(left).CompareTo(BinaryPrimitives.ReadUInt64BigEndian(right));
            if (c != 0)
                return c;
        }

        return BinaryPrimitives.ReadUInt64BigEndian(left[8..]).CompareTo(BinaryPrimitives.ReadUInt64BigEndian(right[8..]));
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 16 && value.Length != 0)
            throw new MarshalException($"UUID should be 16 or 0 bytes ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : UuidBytes.ToGuid(value).ToString("D");

    public override byte[] FromString(string text) =>
        Parse(text) ?? throw new MarshalException($"Unable to make UUID from '{text}'");

    /// <summary>UUIDType.parse: empty for "", the 16 bytes of a canonical UUID string, else null.</summary>
    internal static byte[]? Parse(string text)
    {
        if (text.Length == 0)
            return [];
        if (!UuidPattern().IsMatch(text))
            return null;
        return UuidBytes.FromGuid(Guid.ParseExact(text, "D"));
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : UuidBytes.ToGuid(value);
    }

    public override byte[] Decompose(object value) => UuidBytes.FromGuid((Guid)value);
}
