using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL smallint: 2-byte big-endian signed (ShortType); no empty value.</summary>
public sealed class SmallIntType : CqlType
{
    internal SmallIntType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.SmallInt;
    public override string CqlName => "smallint";
    public override string MarshalClassName => MarshalPackage + "ShortType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : BinaryPrimitives.ReadInt16BigEndian(left).CompareTo(BinaryPrimitives.ReadInt16BigEndian(right));
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 2)
            throw new MarshalException($"Expected 2 bytes for a smallint ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : BinaryPrimitives.ReadInt16BigEndian(value).ToString(CultureInfo.InvariantCulture);

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!short.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out short v))
            throw new MarshalException($"Unable to make short from '{text}'");
        return Serialize(v);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        Validate(value);
        return BinaryPrimitives.ReadInt16BigEndian(value);
    }

    public override byte[] Decompose(object value) => Serialize(TypeText.Number(value, CqlName, static v => Convert.ToInt16(v, CultureInfo.InvariantCulture)));

    public static byte[] Serialize(short value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteInt16BigEndian(bytes, value);
        return bytes;
    }
}
