using System.Buffers.Binary;
using System.Net;
using System.Text;
using Sibyl.Common;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// Reads the protocol's primitive notations (spec section 3) from one contiguous message body.
/// Every read checks the remaining length and throws <see cref="ProtocolException"/> on short or bad input,
/// so garbage never surfaces as an IndexOutOfRange.
/// </summary>
public ref struct CqlReader
{
    // Nested [option]s come from the client; bound the recursion so garbage cannot overflow the stack.
    private const int MaxTypeDepth = 64;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public CqlReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if ((uint)count > (uint)Remaining)
            ProtocolThrow.Truncated(what);
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte ReadByte() => Take(1, "a [byte]")[0];

    public ushort ReadShort() => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a [short]"));

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "an [int]"));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "a [long]"));

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadShort(), "a [string]"));

    public string ReadLongString()
    {
        int length = ReadInt();
        if (length < 0)
            ProtocolThrow.Invalid($"Invalid [long string] length {length}");
        return Encoding.UTF8.GetString(Take(length, "a [long string]"));
    }

    /// <summary>A [uuid]: 16 bytes in network (RFC 4122) order.</summary>
    public Guid ReadUuid() => new(Take(16, "a [uuid]"), bigEndian: true);

    public List<string> ReadStringList()
    {
        int count = ReadShort();
        var list = new List<string>(Math.Min(count, Remaining / 2));
        for (int i = 0; i < count; i++)
            list.Add(ReadString());
        return list;
    }

    /// <summary>[bytes]: a negative length is null.</summary>
    public byte[]? ReadBytes()
    {
        int length = ReadInt();
        return length < 0 ? null : Take(length, "[bytes]").ToArray();
    }

    /// <summary>[value]: -1 is null, -2 is <see cref="QueryOptions.Unset"/>, other negatives are errors.</summary>
    public byte[]? ReadValue()
    {
        int length = ReadInt();
        if (length >= 0)
            return Take(length, "a [value]").ToArray();
        return length switch
        {
            -1 => null,
            -2 => QueryOptions.Unset,
            _ => ProtocolThrow.Invalid<byte[]?>($"Invalid [value] length {length}"),
        };
    }

    public byte[] ReadShortBytes() => Take(ReadShort(), "[short bytes]").ToArray();

    /// <summary>[short bytes] as a view of the frame, valid while the frame is.</summary>
    public ReadOnlySpan<byte> ReadShortBytesSpan() => Take(ReadShort(), "[short bytes]");

    public ConsistencyLevel ReadConsistency()
    {
        ushort value = ReadShort();
        if (!ConsistencyLevelNames.IsDefined((ConsistencyLevel)value))
            ProtocolThrow.Invalid($"Unknown code {value} for a consistency level");
        return (ConsistencyLevel)value;
    }

    public IPEndPoint ReadInet()
    {
        int size = ReadByte();
        if (size is not (4 or 16))
            ProtocolThrow.Invalid($"Invalid IP address size {size} in [inet]");
        var address = new IPAddress(Take(size, "an [inet] address"));
        int port = ReadInt();
        if (port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort)
            ProtocolThrow.Invalid($"Invalid port {port} in [inet]");
        return new IPEndPoint(address, port);
    }

    public Dictionary<string, string> ReadStringMap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, string>(Math.Min(count, Remaining / 4), StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadString();
        }
        return map;
    }

    public Dictionary<string, IReadOnlyList<string>> ReadStringMultimap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, IReadOnlyList<string>>(Math.Min(count, Remaining / 4), StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadStringList();
        }
        return map;
    }

    public Dictionary<string, byte[]?> ReadBytesMap()
    {
        int count = ReadShort();
        var map = new Dictionary<string, byte[]?>(Math.Min(count, Remaining / 6), StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = ReadString();
            map[key] = ReadBytes();
        }
        return map;
    }

    /// <summary>An [option] describing a CQL type (spec section 4.2.5.2).</summary>
    public ProtocolDataType ReadOption() => ReadOption(0);

    private ProtocolDataType ReadOption(int depth)
    {
        if (depth > MaxTypeDepth)
            ProtocolThrow.Invalid("Type nesting too deep in [option]");
        var id = (DataTypeId)ReadShort();
        switch (id)
        {
            case DataTypeId.Custom:
                return ProtocolDataType.Custom(ReadString());
            case DataTypeId.List:
                return ProtocolDataType.List(ReadOption(depth + 1));
            case DataTypeId.Set:
                return ProtocolDataType.Set(ReadOption(depth + 1));
            case DataTypeId.Map:
            {
                var key = ReadOption(depth + 1);
                return ProtocolDataType.Map(key, ReadOption(depth + 1));
            }
            case DataTypeId.Udt:
            {
                string keyspace = ReadString();
                string name = ReadString();
                int count = ReadShort();
                var names = new string[count];
                var types = new ProtocolDataType[count];
                for (int i = 0; i < count; i++)
                {
                    names[i] = ReadString();
                    types[i] = ReadOption(depth + 1);
                }
                return ProtocolDataType.Udt(keyspace, name, names, types);
            }
            case DataTypeId.Tuple:
            {
                int count = ReadShort();
                var types = new ProtocolDataType[count];
                for (int i = 0; i < count; i++)
                    types[i] = ReadOption(depth + 1);
                return ProtocolDataType.Tuple(types);
            }
            default:
                return ProtocolDataType.FromId(id)
                    ?? ProtocolThrow.Invalid<ProtocolDataType>($"Unknown type id 0x{(int)id:x4} in [option]");
        }
    }
}
