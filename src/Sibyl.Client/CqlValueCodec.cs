using System.Buffers.Binary;
using System.Collections;
using System.Net;
using System.Numerics;
using System.Text;
using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>
/// Converts .NET values to CQL's serialized form and back, guided by the protocol's type descriptions.
/// Mapping: ascii/text=string, bigint/counter=long, int=int, smallint=short, tinyint=sbyte, boolean=bool,
/// double, float, uuid/timeuuid=Guid, blob=byte[], timestamp=DateTimeOffset, date=DateOnly, time=long (ns),
/// inet=IPAddress, varint=BigInteger, decimal=decimal, list/set=List&lt;object?&gt;, map=Dictionary, tuple/UDT=object?[].
/// </summary>
public static class CqlValueCodec
{
    private const uint DateEpoch = 1u << 31;

    /// <summary>Serializes <paramref name="value"/> as <paramref name="type"/>; null stays null (CQL null).</summary>
    public static byte[]? Encode(ProtocolDataType type, object? value)
    {
        if (value is null)
            return null;
        if (value is byte[] raw && type.Id != DataTypeId.Blob && type.Id != DataTypeId.Custom)
            return raw; // already serialized by the caller
        switch (type.Id)
        {
            case DataTypeId.Ascii:
            case DataTypeId.Varchar:
                return Encoding.UTF8.GetBytes(value as string ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
            case DataTypeId.Bigint:
            case DataTypeId.Counter:
            case DataTypeId.Time:
                return Long(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            case DataTypeId.Timestamp:
                return Long(value switch
                {
                    DateTimeOffset d => d.ToUnixTimeMilliseconds(),
                    DateTime d => new DateTimeOffset(d.ToUniversalTime()).ToUnixTimeMilliseconds(),
                    _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                });
            case DataTypeId.Int:
                {
                    var bytes = new byte[4];
                    BinaryPrimitives.WriteInt32BigEndian(bytes, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                    return bytes;
                }
            case DataTypeId.Smallint:
                {
                    var bytes = new byte[2];
                    BinaryPrimitives.WriteInt16BigEndian(bytes, Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture));
                    return bytes;
                }
            case DataTypeId.Tinyint:
                return [(byte)Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture)];
            case DataTypeId.Boolean:
                return [(bool)value ? (byte)1 : (byte)0];
            case DataTypeId.Double:
                return Long(BitConverter.DoubleToInt64Bits(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)));
            case DataTypeId.Float:
                {
                    var bytes = new byte[4];
                    BinaryPrimitives.WriteSingleBigEndian(bytes, Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture));
                    return bytes;
                }
            case DataTypeId.Uuid:
            case DataTypeId.Timeuuid:
                return ((Guid)value).ToByteArray(bigEndian: true);
            case DataTypeId.Blob:
            case DataTypeId.Custom:
                return value switch
                {
                    byte[] b => b,
                    ReadOnlyMemory<byte> m => m.ToArray(),
                    Memory<byte> m => m.ToArray(),
                    _ => throw new ArgumentException($"Cannot serialize {value.GetType().Name} as blob"),
                };
            case DataTypeId.Inet:
                return ((IPAddress)value).GetAddressBytes();
            case DataTypeId.Date:
                {
                    int days = value switch
                    {
                        DateOnly d => d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
                        DateTime d => DateOnly.FromDateTime(d).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber,
                        _ => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
                    };
                    var bytes = new byte[4];
                    BinaryPrimitives.WriteUInt32BigEndian(bytes, unchecked(DateEpoch + (uint)days));
                    return bytes;
                }
            case DataTypeId.Varint:
                return (value is BigInteger big ? big : new BigInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)))
                    .ToByteArray(isUnsigned: false, isBigEndian: true);
            case DataTypeId.Decimal:
                return EncodeDecimal(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
            case DataTypeId.List:
            case DataTypeId.Set:
                return EncodeCollection(type.ElementTypes[0], (IEnumerable)value);
            case DataTypeId.Map:
                return EncodeMap(type.ElementTypes[0], type.ElementTypes[1], (IDictionary)value);
            case DataTypeId.Tuple:
            case DataTypeId.Udt:
                return EncodeComponents(type.ElementTypes, (IReadOnlyList<object?>)value);
            default:
                throw new NotSupportedException($"Serializing CQL type {type} is not supported");
        }
    }

    /// <summary>The CQL type a .NET value maps to, for values bound to unprepared statements.</summary>
    public static ProtocolDataType InferType(object value) => value switch
    {
        string => ProtocolDataType.Varchar,
        long => ProtocolDataType.Bigint,
        int => ProtocolDataType.Int,
        short => ProtocolDataType.Smallint,
        sbyte => ProtocolDataType.Tinyint,
        bool => ProtocolDataType.Boolean,
        double => ProtocolDataType.Double,
        float => ProtocolDataType.Float,
        Guid => ProtocolDataType.Uuid,
        byte[] or ReadOnlyMemory<byte> or Memory<byte> => ProtocolDataType.Blob,
        DateTimeOffset or DateTime => ProtocolDataType.Timestamp,
        DateOnly => ProtocolDataType.Date,
        IPAddress => ProtocolDataType.Inet,
        BigInteger => ProtocolDataType.Varint,
        decimal => ProtocolDataType.Decimal,
        _ => throw new ArgumentException($"Cannot infer a CQL type for {value.GetType().Name}; prepare the statement or pass serialized bytes"),
    };

    /// <summary>Deserializes a cell of <paramref name="type"/>; null stays null.</summary>
    public static object? Decode(ProtocolDataType type, ReadOnlySpan<byte> bytes, bool isNull = false)
    {
        if (isNull)
            return null;
        switch (type.Id)
        {
            case DataTypeId.Ascii:
            case DataTypeId.Varchar:
                return Encoding.UTF8.GetString(bytes);
            case DataTypeId.Bigint:
            case DataTypeId.Counter:
            case DataTypeId.Time:
                return BinaryPrimitives.ReadInt64BigEndian(Exact(bytes, 8, type));
            case DataTypeId.Timestamp:
                return DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(Exact(bytes, 8, type)));
            case DataTypeId.Int:
                return BinaryPrimitives.ReadInt32BigEndian(Exact(bytes, 4, type));
            case DataTypeId.Smallint:
                return BinaryPrimitives.ReadInt16BigEndian(Exact(bytes, 2, type));
            case DataTypeId.Tinyint:
                return (sbyte)Exact(bytes, 1, type)[0];
            case DataTypeId.Boolean:
                return Exact(bytes, 1, type)[0] != 0;
            case DataTypeId.Double:
                return BinaryPrimitives.ReadDoubleBigEndian(Exact(bytes, 8, type));
            case DataTypeId.Float:
                return BinaryPrimitives.ReadSingleBigEndian(Exact(bytes, 4, type));
            case DataTypeId.Uuid:
            case DataTypeId.Timeuuid:
                return new Guid(Exact(bytes, 16, type), bigEndian: true);
            case DataTypeId.Blob:
            case DataTypeId.Custom:
                return bytes.ToArray();
            case DataTypeId.Inet:
                return new IPAddress(bytes);
            case DataTypeId.Date:
                return DateOnly.FromDateTime(DateTime.UnixEpoch).AddDays(unchecked((int)(BinaryPrimitives.ReadUInt32BigEndian(Exact(bytes, 4, type)) - DateEpoch)));
            case DataTypeId.Varint:
                return new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
            case DataTypeId.Decimal:
                return DecodeDecimal(bytes);
            case DataTypeId.List:
            case DataTypeId.Set:
                return DecodeCollection(type.ElementTypes[0], bytes);
            case DataTypeId.Map:
                return DecodeMap(type.ElementTypes[0], type.ElementTypes[1], bytes);
            case DataTypeId.Tuple:
            case DataTypeId.Udt:
                return DecodeComponents(type.ElementTypes, bytes);
            default:
                return bytes.ToArray();
        }
    }

    private static ReadOnlySpan<byte> Exact(ReadOnlySpan<byte> bytes, int size, ProtocolDataType type)
    {
        if (bytes.Length != size)
            throw new FormatException($"A {type} value needs {size} bytes, got {bytes.Length}");
        return bytes;
    }

    private static byte[] Long(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] EncodeDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        var unscaled = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        if (bits[3] < 0)
            unscaled = -unscaled;
        byte[] magnitude = unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        var bytes = new byte[4 + magnitude.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, scale);
        magnitude.CopyTo(bytes, 4);
        return bytes;
    }

    private static decimal DecodeDecimal(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
            throw new FormatException("A decimal value needs at least 4 bytes");
        int scale = BinaryPrimitives.ReadInt32BigEndian(bytes);
        var unscaled = new BigInteger(bytes[4..], isUnsigned: false, isBigEndian: true);
        if (scale is < 0 or > 28 || BigInteger.Abs(unscaled) >= BigInteger.One << 96)
            throw new OverflowException($"CQL decimal {unscaled}E-{scale} is outside System.Decimal's range");
        return ScaleDecimal(unscaled, scale);
    }

    private static decimal ScaleDecimal(BigInteger unscaled, int scale)
    {
        bool negative = unscaled.Sign < 0;
        var magnitude = BigInteger.Abs(unscaled);
        int lo = (int)(uint)(magnitude & uint.MaxValue);
        int mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        int hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, negative, (byte)scale);
    }

    private static byte[] EncodeCollection(ProtocolDataType elementType, IEnumerable values)
    {
        var encoded = new List<byte[]?>();
        foreach (object? value in values)
            encoded.Add(Encode(elementType, value));
        int size = 4;
        foreach (var e in encoded)
            size += 4 + (e?.Length ?? 0);
        var bytes = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(bytes, encoded.Count);
        int position = 4;
        foreach (var e in encoded)
            position = WriteCell(bytes, position, e);
        return bytes;
    }

    private static byte[] EncodeMap(ProtocolDataType keyType, ProtocolDataType valueType, IDictionary map)
    {
        var encoded = new List<byte[]?>();
        foreach (DictionaryEntry entry in map)
        {
            encoded.Add(Encode(keyType, entry.Key));
            encoded.Add(Encode(valueType, entry.Value));
        }
        int size = 4;
        foreach (var e in encoded)
            size += 4 + (e?.Length ?? 0);
        var bytes = new byte[size];
        BinaryPrimitives.WriteInt32BigEndian(bytes, map.Count);
        int position = 4;
        foreach (var e in encoded)
            position = WriteCell(bytes, position, e);
        return bytes;
    }

    private static byte[] EncodeComponents(IReadOnlyList<ProtocolDataType> types, IReadOnlyList<object?> values)
    {
        var encoded = new byte[]?[types.Count];
        int size = 0;
        for (int i = 0; i < types.Count; i++)
        {
            encoded[i] = i < values.Count ? Encode(types[i], values[i]) : null;
            size += 4 + (encoded[i]?.Length ?? 0);
        }
        var bytes = new byte[size];
        int position = 0;
        foreach (var e in encoded)
            position = WriteCell(bytes, position, e);
        return bytes;
    }

    private static int WriteCell(byte[] destination, int position, byte[]? cell)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination.AsSpan(position), cell?.Length ?? -1);
        position += 4;
        if (cell is not null)
        {
            cell.CopyTo(destination, position);
            position += cell.Length;
        }
        return position;
    }

    private static List<object?> DecodeCollection(ProtocolDataType elementType, ReadOnlySpan<byte> bytes)
    {
        int count = ReadCount(ref bytes);
        var list = new List<object?>(Math.Min(count, bytes.Length / 4));
        for (int i = 0; i < count; i++)
            list.Add(ReadCell(elementType, ref bytes));
        return list;
    }

    private static Dictionary<object, object?> DecodeMap(ProtocolDataType keyType, ProtocolDataType valueType, ReadOnlySpan<byte> bytes)
    {
        int count = ReadCount(ref bytes);
        var map = new Dictionary<object, object?>(Math.Min(count, bytes.Length / 8));
        for (int i = 0; i < count; i++)
        {
            object key = ReadCell(keyType, ref bytes) ?? throw new FormatException("A map key cannot be null");
            map[key] = ReadCell(valueType, ref bytes);
        }
        return map;
    }

    private static object?[] DecodeComponents(IReadOnlyList<ProtocolDataType> types, ReadOnlySpan<byte> bytes)
    {
        var values = new object?[types.Count];
        for (int i = 0; i < types.Count && bytes.Length > 0; i++)
            values[i] = ReadCell(types[i], ref bytes);
        return values;
    }

    private static int ReadCount(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
            throw new FormatException("Truncated collection");
        int count = BinaryPrimitives.ReadInt32BigEndian(bytes);
        bytes = bytes[4..];
        if (count < 0 || count > bytes.Length / 4)
            throw new FormatException($"Invalid collection size {count}");
        return count;
    }

    private static object? ReadCell(ProtocolDataType type, ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
            throw new FormatException("Truncated collection element");
        int length = BinaryPrimitives.ReadInt32BigEndian(bytes);
        bytes = bytes[4..];
        if (length < 0)
            return null;
        if (length > bytes.Length)
            throw new FormatException("Truncated collection element");
        object? value = Decode(type, bytes[..length]);
        bytes = bytes[length..];
        return value;
    }
}
