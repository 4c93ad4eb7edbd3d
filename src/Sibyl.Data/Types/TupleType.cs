using System.Buffers.Binary;
using System.Text;

namespace Sibyl.Data.Types;

/// <summary>
/// tuple&lt;A, B, ...&gt; (always frozen): each component an int32 length (-1 for null) and its bytes.
/// Trailing components may be missing (a tuple value written before fields were added to a UDT).
/// </summary>
public class TupleType : CqlType
{
    public TupleType(IReadOnlyList<CqlType> types)
        : this(types, freezeInner: true)
    {
    }

    /// <summary>
    /// A user type keeps its field types as declared (a field "list&lt;int&gt;" stays multi-cell, as Cassandra's
    /// UserType does), so it passes <paramref name="freezeInner"/> false; a tuple freezes what it holds. The
    /// serialized value of a field is the same either way.
    /// </summary>
    private protected TupleType(IReadOnlyList<CqlType> types, bool freezeInner)
    {
        var inner = new CqlType[types.Count];
        for (int i = 0; i < inner.Length; i++)
            inner[i] = freezeInner ? types[i].Freeze() : types[i];
        Types = inner;
        _cqlName = "frozen<tuple<" + string.Join(", ", inner.Select(t => t.CqlName)) + ">>";
    }

    private readonly string _cqlName;

    public IReadOnlyList<CqlType> Types { get; }

    public override CqlTypeKind Kind => CqlTypeKind.Tuple;

    public override string CqlName => _cqlName;

    public override string MarshalClassName =>
        MarshalPackage + "TupleType(" + string.Join(",", Types.Select(t => t.MarshalClassName)) + ")";

    private protected virtual string ValueKind => "tuple";

    /// <summary>Builds a serialized tuple/UDT value from its components (null for a null component).</summary>
    public static byte[] BuildValue(IReadOnlyList<byte[]?> components)
    {
        int size = 0;
        foreach (byte[]? c in components)
            size += 4 + (c?.Length ?? 0);
        var result = new byte[size];
        int pos = 0;
        foreach (byte[]? c in components)
        {
            BinaryPrimitives.WriteInt32BigEndian(result.AsSpan(pos), c is null ? -1 : c.Length);
            pos += 4;
            if (c is not null)
            {
                c.CopyTo(result, pos);
                pos += c.Length;
            }
        }

        return result;
    }

    /// <summary>The components of a serialized value; null entries are null components.</summary>
    public static List<byte[]?> SplitValue(ReadOnlySpan<byte> value)
    {
        var result = new List<byte[]?>();
        int pos = 0;
        while (pos < value.Length)
        {
            if (value.Length - pos < 4)
                throw new MarshalException($"Not enough bytes to read size of {result.Count}th component");
            int length = BinaryPrimitives.ReadInt32BigEndian(value[pos..]);
            pos += 4;
            if (length < 0)
            {
                result.Add(null);
                continue;
            }

            if (value.Length - pos < length)
                throw new MarshalException($"Not enough bytes to read {result.Count}th component");
            result.Add(value.Slice(pos, length).ToArray());
            pos += length;
        }

        return result;
    }

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.IsEmpty || right.IsEmpty)
            return (left.IsEmpty ? 0 : 1) - (right.IsEmpty ? 0 : 1);
        int ol = 0, or = 0;
        for (int i = 0; ol < left.Length && or < right.Length && i < Types.Count; i++)
        {
            int sl = BinaryPrimitives.ReadInt32BigEndian(left[ol..]);
            int sr = BinaryPrimitives.ReadInt32BigEndian(right[or..]);
            ol += 4;
            or += 4;
            if (sl < 0)
            {
                if (sr < 0)
                    continue;
                return -1;
            }

            if (sr < 0)
                return 1;
            int c = Types[i].Compare(left.Slice(ol, sl), right.Slice(or, sr));
            ol += sl;
            or += sr;
            if (c != 0)
                return c;
        }

        // A longer value wins only if one of its extra components is non-null and non-empty.
        for (; ol < left.Length; )
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(left[ol..]);
            ol += 4 + Math.Max(size, 0);
            if (size > 0)
                return 1;
        }

        for (; or < right.Length; )
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(right[or..]);
            or += 4 + Math.Max(size, 0);
            if (size > 0)
                return -1;
        }

        return 0;
    }

    public override void Validate(ReadOnlySpan<byte> value)
    {
        int pos = 0;
        for (int i = 0; i < Types.Count; i++)
        {
            if (pos == value.Length)
                return;
            if (value.Length - pos < 4)
                throw new MarshalException(NotEnoughSize(i));
            int size = BinaryPrimitives.ReadInt32BigEndian(value[pos..]);
            pos += 4;
            if (size < 0)
                continue;
            if (value.Length - pos < size)
                throw new MarshalException(NotEnough(i));
            Types[i].Validate(value.Slice(pos, size));
            pos += size;
        }

        if (pos != value.Length)
            throw new MarshalException($"Invalid remaining data after end of {ValueKind} value");
    }

    private protected virtual string NotEnoughSize(int i) => $"Not enough bytes to read size of {i}th component";

    private protected virtual string NotEnough(int i) => $"Not enough bytes to read {i}th component";

    /// <summary>"(1, 'a', null)", as TupleType's CQL literal.</summary>
    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        var parts = SplitValue(value);
        var sb = new StringBuilder("(");
        for (int i = 0; i < parts.Count && i < Types.Count; i++)
        {
            if (i > 0)
                sb.Append(", ");
            sb.Append(parts[i] is { } p ? Types[i].ToCqlString(p) : TypeText.Null);
        }

        return sb.Append(')').ToString();
    }

    /// <summary>TupleType.fromString: components separated by unescaped ':' ("\:" and "\@" escape), "@" for null.</summary>
    public override byte[] FromString(string text)
    {
        var components = new List<byte[]?>();
        var current = new StringBuilder();
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ':')
            {
                if (components.Count >= Types.Count)
                    throw new MarshalException($"Invalid tuple literal: too many elements. Type {CqlName} expects {Types.Count} but got {components.Count + 1}");
                string field = current.ToString();
                components.Add(field == "@" ? null : Types[components.Count].FromString(field));
                current.Clear();
            }
            else if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == ':' || text[i + 1] == '@'))
            {
                current.Append(text[++i]);
            }
            else
            {
                current.Append(text[i]);
            }
        }

        return BuildValue(components);
    }

    /// <summary>A <see cref="List{T}"/> with one composed (or null) entry per type, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        Validate(value);
        var parts = SplitValue(value);
        var result = new List<object?>(Types.Count);
        for (int i = 0; i < Types.Count; i++)
            result.Add(i < parts.Count && parts[i] is { } p ? Types[i].Compose(p) : null);
        return result;
    }

    /// <summary>Accepts any sequence (a list, an array, a System.Runtime.CompilerServices.ITuple) of component values.</summary>
    public override byte[] Decompose(object value)
    {
        var items = new List<object?>();
        if (value is System.Runtime.CompilerServices.ITuple tuple)
        {
            for (int i = 0; i < tuple.Length; i++)
                items.Add(tuple[i]);
        }
        else if (value is System.Collections.IEnumerable seq)
        {
            foreach (object? o in seq)
                items.Add(o);
        }
        else
        {
            throw new MarshalException($"Cannot convert {value.GetType().Name} to a tuple");
        }

        if (items.Count > Types.Count)
            throw new MarshalException($"Tuple contains extra items (expected {Types.Count}): {items.Count}");
        var components = new List<byte[]?>(items.Count);
        for (int i = 0; i < items.Count; i++)
            components.Add(items[i] is { } o ? Types[i].Decompose(o) : null);
        return BuildValue(components);
    }

    public override bool Equals(CqlType? other) => other is TupleType t && t.GetType() == GetType() && base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}
