using System.Globalization;
using System.Text;

namespace Sibyl.Data.Types;

/// <summary>CQL ascii: 7-bit US-ASCII bytes, ordered by unsigned bytes.</summary>
public sealed class AsciiType : CqlType
{
    internal AsciiType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Ascii;
    public override string CqlName => "ascii";
    public override string MarshalClassName => MarshalPackage + "AsciiType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        int bad = value.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (bad >= 0)
            throw new MarshalException("Invalid byte for ascii: " + ((sbyte)value[bad]).ToString(CultureInfo.InvariantCulture));
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) => TypeText.Quote(Encoding.ASCII.GetString(value));

    public override byte[] FromString(string text)
    {
        if (!System.Text.Ascii.IsValid(text))
            throw new MarshalException("Invalid ASCII character in string literal: java.nio.charset.UnmappableCharacterException: Input length = 1");
        return Encoding.ASCII.GetBytes(text);
    }

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return Encoding.ASCII.GetString(value);
    }

    public override byte[] Decompose(object value) => FromString((string)value);
}
