using Sibyl.Data.Types;
using Sibyl.Protocol;

namespace Sibyl.Coordinator;

/// <summary>How a CQL type is described in result and bind metadata ([option] of the native protocol).</summary>
public static class ProtocolTypes
{
    public static ProtocolDataType ToProtocol(CqlType type) => type switch
    {
        ListType l => ProtocolDataType.List(ToProtocol(l.Element)),
        SetType s => ProtocolDataType.Set(ToProtocol(s.Element)),
        MapType m => ProtocolDataType.Map(ToProtocol(m.Key), ToProtocol(m.Value)),
        UserType u => ProtocolDataType.Udt(u.Keyspace, u.Name, u.FieldNames, [.. u.FieldTypes.Select(ToProtocol)]),
        TupleType t => ProtocolDataType.Tuple([.. t.Types.Select(ToProtocol)]),
        VectorType v => ProtocolDataType.Custom($"org.apache.cassandra.db.marshal.VectorType({JavaClass(v.Element)},{v.Dimension})"),
        _ => ProtocolDataType.FromId((DataTypeId)(ushort)type.Kind)
             ?? throw new InvalidOperationException($"No protocol type for {type.CqlName}"),
    };

    /// <summary>The Java marshal class name of a type, as custom types and vectors are named on the wire.</summary>
    private static string JavaClass(CqlType type) => "org.apache.cassandra.db.marshal." + type.Kind switch
    {
        CqlTypeKind.Float => "FloatType",
        CqlTypeKind.Double => "DoubleType",
        CqlTypeKind.Int => "Int32Type",
        CqlTypeKind.BigInt => "LongType",
        CqlTypeKind.Varchar => "UTF8Type",
        CqlTypeKind.Ascii => "AsciiType",
        CqlTypeKind.Blob => "BytesType",
        CqlTypeKind.Boolean => "BooleanType",
        CqlTypeKind.Uuid => "UUIDType",
        CqlTypeKind.Timeuuid => "TimeUUIDType",
        CqlTypeKind.Timestamp => "TimestampType",
        CqlTypeKind.Decimal => "DecimalType",
        CqlTypeKind.Varint => "IntegerType",
        CqlTypeKind.SmallInt => "ShortType",
        CqlTypeKind.TinyInt => "ByteType",
        CqlTypeKind.Date => "SimpleDateType",
        CqlTypeKind.Time => "TimeType",
        CqlTypeKind.Inet => "InetAddressType",
        CqlTypeKind.Duration => "DurationType",
        _ => "BytesType",
    };
}
