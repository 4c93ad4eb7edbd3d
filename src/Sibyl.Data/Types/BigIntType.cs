using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL bigint: 8-byte big-endian signed (LongType).</summary>
public class BigIntType : CqlType
{
    internal BigIntType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.BigInt;
    public override string CqlName => "bigint";
    public override string MarshalClassName => MarshalPackage + "LongType";
    public override int ValueLengthIfFixed => 8;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : BinaryPrimitives.ReadInt64BigEndian(left).CompareTo(BinaryPrimitives.ReadInt64BigEndian(right));
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 8 && value.Length != 0)
            throw new MarshalException($"Expected 8 or 0 byte long ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : BinaryPrimitives.ReadInt64BigEndian(value).ToString(CultureInfo.InvariantCulture);

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            throw new MarshalException($"Unable to make long from '{text}'");
        return Serialize(v);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : BinaryPrimitives.ReadInt64BigEndian(value);
    }

    public override byte[] Decompose(object value) => Serialize(TypeText.Number(value, CqlName, static v => Convert.ToInt64(v, CultureInfo.InvariantCulture)));

    public static byte[] Serialize(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }
}
