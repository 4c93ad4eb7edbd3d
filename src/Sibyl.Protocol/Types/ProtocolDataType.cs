using System.Text;

namespace Sibyl.Protocol;

/// <summary>
/// A CQL type as the protocol's [option] describes it. Immutable; primitive types are shared instances.
/// <see cref="ElementTypes"/> holds the list/set element, the map key and value, the tuple components
/// or the UDT field types (in the order of <see cref="FieldNames"/>).
/// </summary>
public sealed class ProtocolDataType : IEquatable<ProtocolDataType>
{
    private static readonly ProtocolDataType[] Primitives = BuildPrimitives();

    private ProtocolDataType(DataTypeId id, string? customClassName = null, IReadOnlyList<ProtocolDataType>? elementTypes = null,
        string? keyspace = null, string? name = null, IReadOnlyList<string>? fieldNames = null)
    {
        Id = id;
        CustomClassName = customClassName;
        ElementTypes = elementTypes ?? [];
        Keyspace = keyspace;
        Name = name;
        FieldNames = fieldNames ?? [];
    }

    public DataTypeId Id { get; }

    /// <summary>The Java class name of a custom type (id 0x0000).</summary>
    public string? CustomClassName { get; }

    public IReadOnlyList<ProtocolDataType> ElementTypes { get; }

    /// <summary>Keyspace of a UDT.</summary>
    public string? Keyspace { get; }

    /// <summary>Name of a UDT.</summary>
    public string? Name { get; }

    /// <summary>Field names of a UDT.</summary>
    public IReadOnlyList<string> FieldNames { get; }

    public static ProtocolDataType Ascii => Primitives[(int)DataTypeId.Ascii];
    public static ProtocolDataType Bigint => Primitives[(int)DataTypeId.Bigint];
    public static ProtocolDataType Blob => Primitives[(int)DataTypeId.Blob];
    public static ProtocolDataType Boolean => Primitives[(int)DataTypeId.Boolean];
    public static ProtocolDataType Counter => Primitives[(int)DataTypeId.Counter];
    public static ProtocolDataType Decimal => Primitives[(int)DataTypeId.Decimal];
    public static ProtocolDataType Double => Primitives[(int)DataTypeId.Double];
    public static ProtocolDataType Float => Primitives[(int)DataTypeId.Float];
    public static ProtocolDataType Int => Primitives[(int)DataTypeId.Int];
    public static ProtocolDataType Timestamp => Primitives[(int)DataTypeId.Timestamp];
    public static ProtocolDataType Uuid => Primitives[(int)DataTypeId.Uuid];
    public static ProtocolDataType Varchar => Primitives[(int)DataTypeId.Varchar];
    public static ProtocolDataType Varint => Primitives[(int)DataTypeId.Varint];
    public static ProtocolDataType Timeuuid => Primitives[(int)DataTypeId.Timeuuid];
    public static ProtocolDataType Inet => Primitives[(int)DataTypeId.Inet];
    public static ProtocolDataType Date => Primitives[(int)DataTypeId.Date];
    public static ProtocolDataType Time => Primitives[(int)DataTypeId.Time];
    public static ProtocolDataType Smallint => Primitives[(int)DataTypeId.Smallint];
    public static ProtocolDataType Tinyint => Primitives[(int)DataTypeId.Tinyint];
    public static ProtocolDataType Duration => Primitives[(int)DataTypeId.Duration];

    /// <summary>The shared instance of a primitive type, or null when <paramref name="id"/> is not a primitive id.</summary>
    public static ProtocolDataType? FromId(DataTypeId id) =>
        (int)id < Primitives.Length ? Primitives[(int)id] : null;

    public static ProtocolDataType Custom(string className) => new(DataTypeId.Custom, customClassName: className);

    public static ProtocolDataType List(ProtocolDataType element) => new(DataTypeId.List, elementTypes: [element]);

    public static ProtocolDataType Set(ProtocolDataType element) => new(DataTypeId.Set, elementTypes: [element]);

    public static ProtocolDataType Map(ProtocolDataType key, ProtocolDataType value) => new(DataTypeId.Map, elementTypes: [key, value]);

    public static ProtocolDataType Tuple(IReadOnlyList<ProtocolDataType> components) => new(DataTypeId.Tuple, elementTypes: components);

    public static ProtocolDataType Udt(string keyspace, string name, IReadOnlyList<string> fieldNames, IReadOnlyList<ProtocolDataType> fieldTypes)
    {
        if (fieldNames.Count != fieldTypes.Count)
            throw new ArgumentException("A UDT needs as many field types as field names", nameof(fieldTypes));
        return new(DataTypeId.Udt, elementTypes: fieldTypes, keyspace: keyspace, name: name, fieldNames: fieldNames);
    }

    private static ProtocolDataType[] BuildPrimitives()
    {
        var primitives = new ProtocolDataType[(int)DataTypeId.Duration + 1];
        for (int i = 1; i < primitives.Length; i++)
        {
            if (i != 0x000A) // 0x000A was text in v1 and is no longer a valid id
                primitives[i] = new ProtocolDataType((DataTypeId)i);
        }
        return primitives;
    }

    public bool Equals(ProtocolDataType? other)
    {
        if (ReferenceEquals(this, other))
            return true;
        if (other is null || Id != other.Id || CustomClassName != other.CustomClassName
            || Keyspace != other.Keyspace || Name != other.Name
            || ElementTypes.Count != other.ElementTypes.Count || FieldNames.Count != other.FieldNames.Count)
            return false;
        for (int i = 0; i < ElementTypes.Count; i++)
        {
            if (!ElementTypes[i].Equals(other.ElementTypes[i]))
                return false;
        }
        for (int i = 0; i < FieldNames.Count; i++)
        {
            if (FieldNames[i] != other.FieldNames[i])
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ProtocolDataType);

    public override int GetHashCode() => HashCode.Combine(Id, CustomClassName, Name, ElementTypes.Count);

    /// <summary>The CQL spelling, e.g. <c>map&lt;text, frozen&lt;list&lt;int&gt;&gt;&gt;</c> is written without frozen.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        switch (Id)
        {
            case DataTypeId.Custom: builder.Append('\'').Append(CustomClassName).Append('\''); return;
            case DataTypeId.Udt: builder.Append(Keyspace).Append('.').Append(Name); return;
            case DataTypeId.List: builder.Append("list<"); break;
            case DataTypeId.Set: builder.Append("set<"); break;
            case DataTypeId.Map: builder.Append("map<"); break;
            case DataTypeId.Tuple: builder.Append("tuple<"); break;
            case DataTypeId.Varchar: builder.Append("text"); return;
            default: builder.Append(Id.ToString().ToLowerInvariant()); return;
        }
        for (int i = 0; i < ElementTypes.Count; i++)
        {
            if (i > 0)
                builder.Append(", ");
            ElementTypes[i].Append(builder);
        }
        builder.Append('>');
    }
}
