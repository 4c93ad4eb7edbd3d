namespace Sibyl.Data.Types;

/// <summary>CQL blob: arbitrary bytes (BytesType), ordered by unsigned bytes.</summary>
public sealed class BlobType : CqlType
{
    internal BlobType()
    {
    }

    public override CqlTypeKind Kind => CqlTypeKind.Blob;
    public override string CqlName => "blob";
    public override string MarshalClassName => MarshalPackage + "BytesType";

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) => left.SequenceCompareTo(right);

    public override void Validate(ReadOnlySpan<byte> value)
    {
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) => "0x" + TypeText.Hex(value);

    /// <summary>Hex digits, as BytesType.fromString; a leading "0x" is also accepted.</summary>
    public override byte[] FromString(string text)
    {
        if (!TypeText.TryParseHex(text, out byte[] bytes))
            throw new MarshalException($"cannot parse '{text}' as hex bytes");
        return bytes;
    }

    public override object? Compose(ReadOnlySpan<byte> value) => value.ToArray();

    public override byte[] Decompose(object value) => value switch
    {
        byte[] b => (byte[])b.Clone(),
        ReadOnlyMemory<byte> m => m.ToArray(),
        Memory<byte> m => m.ToArray(),
        ArraySegment<byte> s => s.ToArray(),
        _ => throw new MarshalException($"Cannot convert {value.GetType().Name} to blob"),
    };
}
