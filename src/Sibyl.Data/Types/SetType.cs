namespace Sibyl.Data.Types;

/// <summary>set&lt;T&gt;: elements unique and sorted by the element type.</summary>
public sealed class SetType : CollectionType
{
    public SetType(CqlType element, bool isMultiCell) : base(isMultiCell)
    {
        Element = element.Freeze();
        CqlName = Wrap("set<" + Element.CqlName + ">");
        MarshalClassName = WrapClass(MarshalPackage + "SetType(" + Element.MarshalClassName + ")");
    }

    public CqlType Element { get; }

    public override CqlTypeKind Kind => CqlTypeKind.Set;
    public override string CqlName { get; }
    public override string MarshalClassName { get; }
    public override CqlType NameComparator => Element;
    public override CqlType ValueComparator => Blob;

    public override CqlType Freeze() => IsMultiCell ? new SetType(Element, false) : this;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CollectionSerializer.CompareElements(left, right, Element, null);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
            CollectionSerializer.Validate(value, "set", Element, null);
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : JoinElements(Element, value, '{', '}');

    /// <summary>A <see cref="List{T}"/> of the composed elements in set order, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value) => value.IsEmpty ? null : ComposeElements(Element, value);

    public override byte[] Decompose(object value) => CollectionSerializer.PackSet(Element, DecomposeElements(Element, value, "set"));

    /// <summary>Re-serializes a set value received in any order (as drivers may send it) sorted and unique.</summary>
    public byte[] Normalize(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? [] : CollectionSerializer.PackSet(Element, CollectionSerializer.ReadElements(value));
}
