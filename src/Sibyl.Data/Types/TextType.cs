using System.Text;
using System.Text.Unicode;

namespace Sibyl.Data.Types;

/// <summary>CQL text (alias varchar): UTF-8 bytes (UTF8Type), ordered by unsigned bytes.</summary>
public sealed class TextType : CqlType
{
    internal TextType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Varchar;
    public override string CqlName => "text";
    public override string MarshalClassName => MarshalPackage + "UTF8Type";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (!Utf8.IsValid(value))
            throw new MarshalException("String didn't validate.");
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) => TypeText.Quote(Encoding.UTF8.GetString(value));

    public override byte[] FromString(string text) => Encoding.UTF8.GetBytes(text);

    public override object? Compose(ReadOnlySpan<byte> value)
    {
        Validate(value);
        return Encoding.UTF8.GetString(value);
    }

    public override byte[] Decompose(object value) => Encoding.UTF8.GetBytes((string)value);
}
