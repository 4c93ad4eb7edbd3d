namespace Sibyl.Data.Types;

/// <summary>A list, set or map type: frozen (one cell, compared as a whole) or multi-cell (one cell per element).</summary>
public abstract class CollectionType : CqlType
{
    private protected CollectionType(bool isMultiCell) => IsMultiCell = isMultiCell;

    public override bool IsMultiCell { get; }

    public override bool IsCollection => true;

    /// <summary>For a multi-cell collection, the type of the cell path (list: timeuuid, set: element, map: key).</summary>
    public abstract CqlType NameComparator { get; }

    /// <summary>For a multi-cell collection, the type of a cell value (list/map: element/value, set: empty).</summary>
    public abstract CqlType ValueComparator { get; }

    private protected string Wrap(string inner) => IsMultiCell ? inner : "frozen<" + inner + ">";

    private protected string WrapClass(string inner) => IsMultiCell ? inner : MarshalPackage + "FrozenType(" + inner + ")";

    private protected static List<object?> ComposeElements(CqlType type, ReadOnlySpan<byte> value)
    {
        var result = new List<object?>();
        int n = CollectionSerializer.ReadCount(value, out int offset);
        for (int i = 0; i < n; i++)
        {
            if (!CollectionSerializer.TryReadValue(value, ref offset, out var e))
                throw new MarshalException("Not enough bytes to read a collection");
            result.Add(type.Compose(e));
        }

        return result;
    }

    private protected static List<byte[]> DecomposeElements(CqlType type, object value, string kind)
    {
        if (value is not System.Collections.IEnumerable items || value is string || value is byte[])
            throw new MarshalException($"Cannot convert {value.GetType().Name} to a {kind}");
        var result = new List<byte[]>();
        foreach (object? item in items)
            result.Add(type.Decompose(item ?? throw new MarshalException($"Invalid null element in {kind}")));
        return result;
    }

    private protected static string JoinElements(CqlType type, ReadOnlySpan<byte> value, char open, char close)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(open);
        int n = CollectionSerializer.ReadCount(value, out int offset);
        for (int i = 0; i < n; i++)
        {
            if (!CollectionSerializer.TryReadValue(value, ref offset, out var e))
                throw new MarshalException("Not enough bytes to read a collection");
            if (i > 0)
                sb.Append(", ");
            sb.Append(type.ToCqlString(e));
        }

        return sb.Append(close).ToString();
    }

    /// <summary>CollectionType.fromString: the serialized value in hex.</summary>
    public override byte[] FromString(string text)
    {
        if (!TypeText.TryParseHex(text, out byte[] bytes))
            throw new MarshalException($"cannot parse '{text}' as hex bytes");
        return bytes;
    }
}
