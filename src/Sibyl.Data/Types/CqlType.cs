namespace Sibyl.Data.Types;

/// <summary>
/// A CQL type: how its values are validated, ordered, printed and parsed. Values everywhere in
/// Sibyl (wire, memtable, disk) are kept in their native-protocol serialized form, exactly as
/// Cassandra keeps ByteBuffers, so a type is a set of operations over bytes, never a boxed value
/// on the hot path. An empty buffer is a legal value of most types (Cassandra's "empty value")
/// and sorts before every non-empty one.
/// Instances are immutable; the scalar types are shared singletons.
/// </summary>
public abstract class CqlType : IEquatable<CqlType>
{
    /// <summary>The protocol option id of this type (native protocol spec section 4.2.5.2).</summary>
    public abstract CqlTypeKind Kind { get; }

    /// <summary>The type as CQL writes it and system_schema stores it: "int", "frozen&lt;list&lt;text&gt;&gt;".</summary>
    public abstract string CqlName { get; }

    /// <summary>True for a non-frozen collection or UDT: stored as one cell per element.</summary>
    public virtual bool IsMultiCell => false;

    public virtual bool IsCollection => false;

    public virtual bool IsCounter => false;

    /// <summary>Orders two serialized values as Cassandra orders them for this type.</summary>
    public abstract int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);

    /// <summary>Throws <see cref="MarshalException"/> with Cassandra's message when the bytes are not a value of this type.</summary>
    public abstract void Validate(ReadOnlySpan<byte> value);

    /// <summary>The value as a CQL literal, as cqlsh prints it and CAST(x AS text) produces it.</summary>
    public abstract string ToCqlString(ReadOnlySpan<byte> value);

    /// <summary>Cassandra's AbstractType.fromString: a string constant given for this type
    /// ('2020-01-01' for a timestamp, a uuid, an inet address...). Throws <see cref="MarshalException"/>.</summary>
    public abstract byte[] FromString(string text);

    /// <summary>The value as a .NET object (int, long, string, Guid, IPAddress, BigInteger, decimal, ...), or null for an empty value.</summary>
    public abstract object? Compose(ReadOnlySpan<byte> value);

    /// <summary>The serialized form of a .NET value of the matching type.</summary>
    public abstract byte[] Decompose(object value);

    public virtual bool Equals(CqlType? other) => other is not null && other.CqlName == CqlName;

    public override bool Equals(object? obj) => obj is CqlType t && Equals(t);

    public override int GetHashCode() => CqlName.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => CqlName;
}
