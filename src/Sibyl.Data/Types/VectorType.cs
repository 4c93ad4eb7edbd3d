using System.Text;
using Sibyl.Common.Binary;

namespace Sibyl.Data.Types;

/// <summary>
/// vector&lt;T, n&gt; (Cassandra 5.0): n non-null elements. Fixed-size elements are concatenated;
/// variable-size ones each carry an unsigned vint length. On the wire it is a Custom type named by
/// <see cref="MarshalClassName"/>.
/// </summary>
public sealed class VectorType : CqlType
{
    public VectorType(CqlType element, int dimension)
    {
        if (dimension <= 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), "vectors may only have positive dimensions");
        Element = element.Freeze();
        Dimension = dimension;
        CqlName = "vector<" + Element.CqlName + ", " + dimension + ">";
    }

    public CqlType Element { get; }
    public int Dimension { get; }

    public override CqlTypeKind Kind => CqlTypeKind.Custom;
    public override string CqlName { get; }
    public override string MarshalClassName => MarshalPackage + "VectorType(" + Element.MarshalClassName + "," + Dimension + ")";
    public override int ValueLengthIfFixed => Element.ValueLengthIfFixed > 0 ? Element.ValueLengthIfFixed * Dimension : -1;

    /// <summary>Splits a value into its elements; throws Cassandra's messages on a malformed one.</summary>
    public List<byte[]> SplitValue(ReadOnlySpan<byte> value)
    {
        var result = new List<byte[]>(Dimension);
        int fixedLength = Element.ValueLengthIfFixed;
        int pos = 0;
        for (int i = 0; i < Dimension; i++)
        {
            int length = fixedLength;
            if (length < 0)
            {
                if (!VIntCoding.TryReadUnsignedVInt(value[pos..], out ulong l, out int read) || l > int.MaxValue)
                    throw new MarshalException($"Not enough bytes to read a {CqlName}");
                pos += read;
                length = (int)l;
            }

            if (value.Length - pos < length)
                throw new MarshalException($"Not enough bytes to read a {CqlName}");
            result.Add(value.Slice(pos, length).ToArray());
            pos += length;
        }

        if (pos != value.Length)
            throw new MarshalException($"Unexpected {value.Length - pos} extraneous bytes after {CqlName} value");
        return result;
    }

    public byte[] BuildValue(IReadOnlyList<byte[]> elements)
    {
        if (elements.Count != Dimension)
            throw new MarshalException($"Invalid vector literal for value of type {CqlName}; expected {Dimension} elements, but given {elements.Count}");
        bool prefixed = Element.ValueLengthIfFixed < 0;
        using var stream = new MemoryStream();
        Span<byte> vint = stackalloc byte[VIntCoding.MaxSize];
        foreach (byte[] e in elements)
        {
            if (prefixed)
                stream.Write(vint[..VIntCoding.WriteUnsignedVInt((ulong)e.Length, vint)]);
            else if (e.Length != Element.ValueLengthIfFixed)
                throw new MarshalException($"Not enough bytes to read a {CqlName}");
            stream.Write(e);
        }

        return stream.ToArray();
    }

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.IsEmpty || right.IsEmpty)
            return (left.IsEmpty ? 0 : 1) - (right.IsEmpty ? 0 : 1);
        int ol = 0, or = 0;
        for (int i = 0; i < Dimension; i++)
        {
            int c = Element.Compare(NextElement(left, ref ol), NextElement(right, ref or));
            if (c != 0)
                return c;
        }

        return 0;
    }

    // Walks one element of a value already known to be well formed (no allocation, for Compare).
    private ReadOnlySpan<byte> NextElement(ReadOnlySpan<byte> value, ref int offset)
    {
        int length = Element.ValueLengthIfFixed;
        if (length < 0)
        {
            if (!VIntCoding.TryReadUnsignedVInt(value[offset..], out ulong l, out int read) || l > (ulong)(value.Length - offset - read))
                throw new MarshalException($"Not enough bytes to read a {CqlName}");
            offset += read;
            length = (int)l;
        }
        else if (value.Length - offset < length)
        {
            throw new MarshalException($"Not enough bytes to read a {CqlName}");
        }

        ReadOnlySpan<byte> element = value.Slice(offset, length);
        offset += length;
        return element;
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return;
        foreach (byte[] e in SplitValue(value))
            Element.Validate(e);
    }

    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        var sb = new StringBuilder("[");
        var parts = SplitValue(value);
        for (int i = 0; i < parts.Count; i++)
        {
            if (i > 0)
                sb.Append(", ");
            sb.Append(Element.ToCqlString(parts[i]));
        }

        return sb.Append(']').ToString();
    }

    /// <summary>"[1.0, 2.5, 3]" or "1.0, 2.5, 3": elements parsed with the element type's FromString.</summary>
    public override byte[] FromString(string text)
    {
        string body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']'))
            body = body[1..^1];
        var elements = new List<byte[]>();
        foreach (string part in body.Split(',', StringSplitOptions.TrimEntries))
            elements.Add(Element.FromString(part));
        return BuildValue(elements);
    }

    /// <summary>A <see cref="List{T}"/> of composed elements, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        var result = new List<object?>(Dimension);
        foreach (byte[] e in SplitValue(value))
            result.Add(Element.Compose(e));
        return result;
    }

    public override byte[] Decompose(object value)
    {
        if (value is not System.Collections.IEnumerable items || value is string)
            throw new MarshalException($"Cannot convert {value.GetType().Name} to a {CqlName}");
        var elements = new List<byte[]>();
        foreach (object? item in items)
            elements.Add(Element.Decompose(item ?? throw new MarshalException("null/unset is not supported inside vectors")));
        return BuildValue(elements);
    }
}
