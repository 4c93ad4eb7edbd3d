using System.Globalization;

namespace Sibyl.Data.Types;

/// <summary>CQL tinyint: one signed byte (ByteType); no empty value.</summary>
public sealed class TinyIntType : CqlType
{
    internal TinyIntType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.TinyInt;
    public override string CqlName => "tinyint";
    public override string MarshalClassName => MarshalPackage + "ByteType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        int c = CompareEmpty(left, right, out bool decided);
        return decided ? c : ((sbyte)left[0]).CompareTo((sbyte)right[0]);
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.Length != 1)
            throw new MarshalException($"Expected 1 byte for a tinyint ({value.Length})");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : ((sbyte)value[0]).ToString(CultureInfo.InvariantCulture);

    public override byte[] FromString(string text)
    {
        if (text.Length == 0)
            return [];
        if (!sbyte.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out sbyte v))
            throw new MarshalException($"Unable to make byte from '{text}'");
        return [(byte)v];
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        Validate(value);
        return (sbyte)value[0];
    }

    public override byte[] Decompose(object value) => [(byte)TypeText.Number(value, CqlName, static v => Convert.ToSByte(v, CultureInfo.InvariantCulture))];
}
