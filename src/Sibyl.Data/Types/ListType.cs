namespace Sibyl.Data.Types;

/// <summary>list&lt;T&gt;. Multi-cell lists key their cells by timeuuid; the element type is always frozen.</summary>
public sealed class ListType : CollectionType
{
    public ListType(CqlType element, bool isMultiCell) : base(isMultiCell)
    {
        Element = element.Freeze();
        CqlName = Wrap("list<" + Element.CqlName + ">");
        MarshalClassName = WrapClass(MarshalPackage + "ListType(" + Element.MarshalClassName + ")");
    }

    public CqlType Element { get; }

    public override CqlTypeKind Kind => CqlTypeKind.List;
    public override string CqlName { get; }
    public override string MarshalClassName { get; }
    public override CqlType NameComparator => Timeuuid;
    public override CqlType ValueComparator => Element;

    public override CqlType Freeze() => IsMultiCell ? new ListType(Element, false) : this;

    public override int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CollectionSerializer.CompareElements(left, right, Element, null);

    public override void Validate(ReadOnlySpan<byte> value)
    {
        if (!value.IsEmpty)
            CollectionSerializer.Validate(value, "list", Element, null);
    }

    public override string ToCqlString(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? TypeText.Null : JoinElements(Element, value, '[', ']');

    /// <summary>A <see cref="List{T}"/> of the composed elements, or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value) => value.IsEmpty ? null : ComposeElements(Element, value);

    public override byte[] Decompose(object value) => CollectionSerializer.PackList(DecomposeElements(Element, value, "list"));
}
