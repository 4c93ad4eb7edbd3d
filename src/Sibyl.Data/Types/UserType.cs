using System.Text;

namespace Sibyl.Data.Types;

/// <summary>
/// A user-defined type: a named tuple with field names. Serialized like a tuple; multi-cell (non-frozen)
/// UDTs store one cell per field. Named in CQL by its name only: "address" or "frozen&lt;address&gt;".
/// Field types stay as declared ("list&lt;int&gt;" is multi-cell), like Cassandra's UserType.
/// </summary>
public sealed class UserType : TupleType
{
    public UserType(string keyspace, string name, IReadOnlyList<string> fieldNames, IReadOnlyList<CqlType> fieldTypes, bool isMultiCell)
        : base(fieldTypes, freezeInner: false)
    {
        if (fieldNames.Count != fieldTypes.Count)
            throw new ArgumentException("A user type needs one name per field type", nameof(fieldNames));
        Keyspace = keyspace;
        Name = name;
        FieldNames = [.. fieldNames];
        IsMultiCell = isMultiCell;
        _cqlName = isMultiCell ? TypeText.MaybeQuote(name) : "frozen<" + TypeText.MaybeQuote(name) + ">";
    }

    private readonly string _cqlName;

    public string Keyspace { get; }
    public string Name { get; }
    public IReadOnlyList<string> FieldNames { get; }
    public IReadOnlyList<CqlType> FieldTypes => Types;

    public override CqlTypeKind Kind => CqlTypeKind.Udt;
    public override bool IsMultiCell { get; }

    public override string CqlName => _cqlName;

    public override string MarshalClassName
    {
        get
        {
            var sb = new StringBuilder(MarshalPackage).Append("UserType(").Append(Keyspace).Append(',')
                .Append(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(Name)));
            for (int i = 0; i < FieldNames.Count; i++)
            {
                sb.Append(',').Append(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(FieldNames[i])))
                  .Append(':').Append(Types[i].MarshalClassName);
            }

            string inner = sb.Append(')').ToString();
            return IsMultiCell ? inner : MarshalPackage + "FrozenType(" + inner + ")";
        }
    }

    private protected override string ValueKind => "UDT";

    public int FieldIndex(string fieldName)
    {
        for (int i = 0; i < FieldNames.Count; i++)
        {
            if (FieldNames[i] == fieldName)
                return i;
        }

        return -1;
    }

    public override CqlType Freeze() => IsMultiCell ? new UserType(Keyspace, Name, FieldNames, Types, false) : this;

    private protected override string NotEnoughSize(int i) => $"Not enough bytes to read size of {i}th field {FieldNames[i]}";

    private protected override string NotEnough(int i) => $"Not enough bytes to read {i}th field {FieldNames[i]}";

    /// <summary>"{street: 'x', zip: 1}", field names quoted when needed, as UserType's CQL literal.</summary>
    public override string ToCqlString(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return TypeText.Null;
        var parts = SplitValue(value);
        var sb = new StringBuilder("{");
        for (int i = 0; i < parts.Count && i < Types.Count; i++)
        {
            if (i > 0)
                sb.Append(", ");
            sb.Append(TypeText.MaybeQuote(FieldNames[i])).Append(": ")
              .Append(parts[i] is { } p ? Types[i].ToCqlString(p) : TypeText.Null);
        }

        return sb.Append('}').ToString();
    }

    /// <summary>A <see cref="Dictionary{TKey, TValue}"/> of field name to composed value (null when absent), or null for an empty value.</summary>
    public override object? Compose(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return null;
        var list = (List<object?>)base.Compose(value)!;
        var result = new Dictionary<string, object?>(FieldNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < FieldNames.Count; i++)
            result[FieldNames[i]] = list[i];
        return result;
    }

    /// <summary>Accepts a dictionary (or sequence of KeyValuePair&lt;string, object?&gt;) of field name to value.</summary>
    public override byte[] Decompose(object value)
    {
        var components = new byte[]?[FieldNames.Count];
        if (value is IEnumerable<KeyValuePair<string, object?>> fields)
        {
            foreach (var (field, v) in fields)
            {
                int i = FieldIndex(field);
                if (i < 0)
                    throw new MarshalException($"Unknown field '{field}' in value of user defined type {Name}");
                components[i] = v is null ? null : Types[i].Decompose(v);
            }
        }
        else
        {
            return base.Decompose(value);
        }

        return BuildValue(components);
    }

    public override bool Equals(CqlType? other) =>
        other is UserType u && u.Keyspace == Keyspace && u.Name == Name && u.IsMultiCell == IsMultiCell
        && u.FieldNames.SequenceEqual(FieldNames) && u.Types.SequenceEqual(Types);

    public override int GetHashCode() => HashCode.Combine(Keyspace, Name, IsMultiCell);
}
