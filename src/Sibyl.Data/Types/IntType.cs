using System.Buffers.Binary;
using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL int: 4-byte big-endian signed (Int32Type).</summary>
public sealed class IntType : CqlType
{
    internal IntType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Int;
    public override string CqlName => "int";
    public override string MarshalClassName => MarshalPackage + "Int32Type";
    public override int ValueLengthIfFixed => 4;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : BinaryPrimitives.ReadInt32BigEndian(left).CompareTo(BinaryPrimitives.ReadInt32BigEndian(right));
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 4 && value.Length != 0)
            throw new MarshalException($"Expected 4 or 0 byte int ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : BinaryPrimitives.ReadInt32BigEndian(value).ToString(CultureInfo.InvariantCulture);

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            throw new MarshalException($"Unable to make int from '{text}'");
        return Serialize(v);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return value.IsEmpty ? null : BinaryPrimitives.ReadInt32BigEndian(value);
    }

    public override byte[] Decompose(object value) => Serialize(TypeText.Number(value, CqlName, static v => Convert.ToInt32(v, CultureInfo.InvariantCulture)));

    public static byte[] Serialize(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
