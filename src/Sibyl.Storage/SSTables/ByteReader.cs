using System.Buffers.Binary;
using Sibyl.Common.Binary;

namespace Sibyl.Storage.SSTables;

/// <summary>Reads what <see cref="ByteWriter"/> writes; throws <see cref="InvalidDataException"/> past the end.</summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public ByteReader(ReadOnlySpan<byte> data, int position = 0)
    {
        _data = data;
        _position = position;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position >= _data.Length;

    private ReadOnlySpan<byte> Take(int size)
    {
        if (size < 0 || size > _data.Length - _position)
            throw new InvalidDataException($"Truncated data: {size} bytes wanted at {_position}, {_data.Length - _position} left");
        var span = _data.Slice(_position, size);
        _position += size;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public ulong ReadUnsignedVInt()
    {
        if (!VIntCoding.TryReadUnsignedVInt(_data[_position..], out ulong value, out int read))
            throw new InvalidDataException($"Truncated vint at {_position}");
        _position += read;
        return value;
    }

    public long ReadVInt() => VIntCoding.DecodeZigZag64(ReadUnsignedVInt());

    /// <summary>An unsigned vint that must fit an int (lengths, counts).</summary>
    public int ReadLength()
    {
        ulong value = ReadUnsignedVInt();
        if (value > int.MaxValue) throw new InvalidDataException($"Length {value} out of range at {_position}");
        return (int)value;
    }

    public ReadOnlySpan<byte> ReadSpan(int size) => Take(size);

    public byte[] ReadWithLength() => Take(ReadLength()).ToArray();
}
