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
    public static readonly AsciiType Ascii = new();
    public static readonly BigIntType BigInt = new();
    public static readonly BlobType Blob = new();
    public static readonly BooleanType Boolean = new();
    public static readonly CounterType Counter = new();
    public static readonly DecimalType Decimal = new();
    public static readonly DoubleType Double = new();
    public static readonly FloatType Float = new();
    public static readonly IntType Int = new();
    public static readonly TimestampType Timestamp = new();
    public static readonly UuidType Uuid = new();
    public static readonly TextType Text = new();
    public static readonly VarintType Varint = new();
    public static readonly TimeuuidType Timeuuid = new();
    public static readonly InetType Inet = new();
    public static readonly DateType Date = new();
    public static readonly TimeType Time = new();
    public static readonly SmallIntType SmallInt = new();
    public static readonly TinyIntType TinyInt = new();
    public static readonly DurationType Duration = new();

    /// <summary>The protocol option id of this type (native protocol spec section 4.2.5.2).</summary>
    public abstract CqlTypeKind Kind { get; }

    /// <summary>The type as CQL writes it and system_schema stores it: "int", "frozen&lt;list&lt;text&gt;&gt;".</summary>
    public abstract string CqlName { get; }

    /// <summary>Cassandra's marshal class (AbstractType.toString), as a protocol Custom option and
    /// system tables carry it: "org.apache.cassandra.db.marshal.Int32Type".</summary>
    public abstract string MarshalClassName { get; }

    /// <summary>True for a non-frozen collection or UDT: stored as one cell per element.</summary>
    public virtual bool IsMultiCell => false;

    public virtual bool IsCollection => false;

    public virtual bool IsCounter => false;

    /// <summary>The serialized size of every non-empty value, or -1 when values vary in size
    /// (AbstractType.valueLengthIfFixed; vectors of such elements omit per-element lengths).</summary>
    public virtual int ValueLengthIfFixed => -1;

    /// <summary>The frozen form of this type (itself for scalars and frozen types); nested types are frozen too.</summary>
    public virtual CqlType Freeze() => this;

    /// <summary>Orders two serialized values as Cassandra orders them for this type.</summary>
    public abstract int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right);

    /// <summary>Throws <see cref="MarshalException"/> with Cassandra's message when the bytes are not a value of this type.</summary>
    public abstract void Validate(ReadOnlySpan<byte> value);

    /// <summary>The value as a CQL literal, as Cassandra's toCQLLiteral produces it ("null" for an
    /// empty number, quoted text, 0x-prefixed blobs, "2020-01-01T00:00:00.000Z" for timestamps).</summary>
    public abstract string ToCqlString(ReadOnlySpan<byte> value);

    /// <summary>Cassandra's AbstractType.fromString: a string constant given for this type
    /// ('2020-01-01' for a timestamp, a uuid, an inet address...). Throws <see cref="MarshalException"/>.</summary>
    public abstract byte[] FromString(string text);

    /// <summary>The value as a .NET object (int, long, string, Guid, IPAddress, BigInteger, decimal, ...), or null for an empty value.</summary>
    public abstract object? Compose(ReadOnlySpan<byte> value);

    /// <summary>The serialized form of a .NET value of the matching type.</summary>
    public abstract byte[] Decompose(object value);

    /// <summary>Builds a type from its CQL name ("int", "varchar", "frozen&lt;map&lt;text, int&gt;&gt;",
    /// "tuple&lt;int, text&gt;", "vector&lt;float, 3&gt;"); other names go to <paramref name="userTypeResolver"/>.</summary>
    public static CqlType ParseName(string name, Func<string, UserType?>? userTypeResolver = null) =>
        CqlTypeNameParser.Parse(name, userTypeResolver);

    /// <summary>The native type of a protocol option id without parameters, or null for
    /// Custom and the parameterised kinds.</summary>
    public static CqlType? FromKind(CqlTypeKind kind) => kind switch
    {
        CqlTypeKind.Ascii => Ascii,
        CqlTypeKind.BigInt => BigInt,
        CqlTypeKind.Blob => Blob,
        CqlTypeKind.Boolean => Boolean,
        CqlTypeKind.Counter => Counter,
        CqlTypeKind.Decimal => Decimal,
        CqlTypeKind.Double => Double,
        CqlTypeKind.Float => Float,
        CqlTypeKind.Int => Int,
        CqlTypeKind.Timestamp => Timestamp,
        CqlTypeKind.Uuid => Uuid,
        CqlTypeKind.Varchar => Text,
        CqlTypeKind.Varint => Varint,
        CqlTypeKind.Timeuuid => Timeuuid,
        CqlTypeKind.Inet => Inet,
        CqlTypeKind.Date => Date,
        CqlTypeKind.Time => Time,
        CqlTypeKind.SmallInt => SmallInt,
        CqlTypeKind.TinyInt => TinyInt,
        CqlTypeKind.Duration => Duration,
        _ => null,
    };

    public virtual bool Equals(CqlType? other) => other is not null && other.CqlName == CqlName;

    public override bool Equals(object? obj) => obj is CqlType t && Equals(t);

    public override int GetHashCode() => CqlName.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => CqlName;

    /// <summary>Empty values sort first; <paramref name="decided"/> is false when both are non-empty.</summary>
    private protected static int CompareEmpty(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, out bool decided)
    {
        decided = left.IsEmpty || right.IsEmpty;
        return (left.IsEmpty ? 0 : 1) - (right.IsEmpty ? 0 : 1);
    }

    private protected const string MarshalPackage = "org.apache.cassandra.db.marshal.";
}
