using System.Buffers.Binary;
using System.Net;
using System.Text;
using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// Writes the protocol's primitive notations into a span sized in advance with the <c>SizeOf</c> helpers,
/// so a message is measured once and then written once into the output buffer.
/// </summary>
public ref struct CqlWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public CqlWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteShort(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer[_position..], value);
        _position += 8;
    }

    public void WriteRaw(scoped ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteString(string value)
    {
        int length = Encoding.UTF8.GetBytes(value, _buffer[(_position + 2)..]);
        if (length > ushort.MaxValue)
            throw new ProtocolException($"String of {length} bytes is too long for a [string]");
        WriteShort((ushort)length);
        _position += length;
    }

    public void WriteLongString(string value)
    {
        int length = Encoding.UTF8.GetBytes(value, _buffer[(_position + 4)..]);
        WriteInt(length);
        _position += length;
    }

    public void WriteUuid(Guid value)
    {
        value.TryWriteBytes(_buffer.Slice(_position, 16), bigEndian: true, out _);
        _position += 16;
    }

    public void WriteStringList(IReadOnlyList<string> values)
    {
        WriteShort(checked((ushort)values.Count));
        for (int i = 0; i < values.Count; i++)
            WriteString(values[i]);
    }

    /// <summary>[bytes]; null is written as length -1.</summary>
    public void WriteBytes(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        WriteInt(value.Length);
        WriteRaw(value);
    }

    /// <summary>[value]; null is -1 and <see cref="QueryOptions.Unset"/> (by reference) is -2.</summary>
    public void WriteValue(byte[]? value)
    {
        if (ReferenceEquals(value, QueryOptions.Unset))
            WriteInt(-2);
        else
            WriteBytes(value);
    }

    public void WriteShortBytes(ReadOnlySpan<byte> value)
    {
        WriteShort(checked((ushort)value.Length));
        WriteRaw(value);
    }

    public void WriteConsistency(ConsistencyLevel value) => WriteShort((ushort)value);

    public void WriteInet(IPEndPoint endpoint)
    {
        int size = endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 16 : 4;
        WriteByte((byte)size);
        endpoint.Address.TryWriteBytes(_buffer.Slice(_position, size), out _);
        _position += size;
        WriteInt(endpoint.Port);
    }

    public void WriteStringMap(IReadOnlyDictionary<string, string> map)
    {
        WriteShort(checked((ushort)map.Count));
        foreach (var (key, value) in map)
        {
            WriteString(key);
            WriteString(value);
        }
    }

    public void WriteStringMultimap(IReadOnlyDictionary<string, IReadOnlyList<string>> map)
    {
        WriteShort(checked((ushort)map.Count));
        foreach (var (key, values) in map)
        {
            WriteString(key);
            WriteStringList(values);
        }
    }

    public void WriteBytesMap(IReadOnlyDictionary<string, byte[]?> map)
    {
        WriteShort(checked((ushort)map.Count));
        foreach (var (key, value) in map)
        {
            WriteString(key);
            WriteBytes(value);
        }
    }

    public void WriteOption(ProtocolDataType type)
    {
        WriteShort((ushort)type.Id);
        switch (type.Id)
        {
            case DataTypeId.Custom:
                WriteString(type.CustomClassName!);
                break;
            case DataTypeId.List:
            case DataTypeId.Set:
                WriteOption(type.ElementTypes[0]);
                break;
            case DataTypeId.Map:
                WriteOption(type.ElementTypes[0]);
                WriteOption(type.ElementTypes[1]);
                break;
            case DataTypeId.Udt:
                WriteString(type.Keyspace!);
                WriteString(type.Name!);
                WriteShort(checked((ushort)type.FieldNames.Count));
                for (int i = 0; i < type.FieldNames.Count; i++)
                {
                    WriteString(type.FieldNames[i]);
                    WriteOption(type.ElementTypes[i]);
                }
                break;
            case DataTypeId.Tuple:
                WriteShort(checked((ushort)type.ElementTypes.Count));
                for (int i = 0; i < type.ElementTypes.Count; i++)
                    WriteOption(type.ElementTypes[i]);
                break;
        }
    }

    // ---- sizes, for measuring a message before writing it ----

    public static int SizeOfString(string value) => 2 + Encoding.UTF8.GetByteCount(value);

    public static int SizeOfLongString(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    public static int SizeOfBytes(byte[]? value) => 4 + (value?.Length ?? 0);

    public static int SizeOfValue(byte[]? value) => 4 + (value?.Length ?? 0);

    public static int SizeOfShortBytes(ReadOnlySpan<byte> value) => 2 + value.Length;

    public static int SizeOfInet(IPEndPoint endpoint) =>
        1 + (endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 16 : 4) + 4;

    public static int SizeOfStringList(IReadOnlyList<string> values)
    {
        int size = 2;
        for (int i = 0; i < values.Count; i++)
            size += SizeOfString(values[i]);
        return size;
    }

    public static int SizeOfStringMap(IReadOnlyDictionary<string, string> map)
    {
        int size = 2;
        foreach (var (key, value) in map)
            size += SizeOfString(key) + SizeOfString(value);
        return size;
    }

    public static int SizeOfStringMultimap(IReadOnlyDictionary<string, IReadOnlyList<string>> map)
    {
        int size = 2;
        foreach (var (key, values) in map)
            size += SizeOfString(key) + SizeOfStringList(values);
        return size;
    }

    public static int SizeOfBytesMap(IReadOnlyDictionary<string, byte[]?> map)
    {
        int size = 2;
        foreach (var (key, value) in map)
            size += SizeOfString(key) + SizeOfBytes(value);
        return size;
    }

    public static int SizeOfOption(ProtocolDataType type)
    {
        int size = 2;
        switch (type.Id)
        {
            case DataTypeId.Custom:
                size += SizeOfString(type.CustomClassName!);
                break;
            case DataTypeId.Udt:
                size += SizeOfString(type.Keyspace!) + SizeOfString(type.Name!) + 2;
                for (int i = 0; i < type.FieldNames.Count; i++)
                    size += SizeOfString(type.FieldNames[i]) + SizeOfOption(type.ElementTypes[i]);
                break;
            case DataTypeId.Tuple:
                size += 2;
                for (int i = 0; i < type.ElementTypes.Count; i++)
                    size += SizeOfOption(type.ElementTypes[i]);
                break;
            default:
                for (int i = 0; i < type.ElementTypes.Count; i++)
                    size += SizeOfOption(type.ElementTypes[i]);
                break;
        }
        return size;
    }
}
