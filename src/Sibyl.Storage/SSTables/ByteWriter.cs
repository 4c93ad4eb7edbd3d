using System.Buffers.Binary;
using Sibyl.Common.Binary;

namespace Sibyl.Storage.SSTables;

/// <summary>A growable big-endian buffer for building blocks and component files; reused between blocks.</summary>
internal sealed class ByteWriter
{
    private byte[] _buffer;
    private int _length;

    public ByteWriter(int capacity = 4096) => _buffer = new byte[Math.Max(16, capacity)];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Drops everything written after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    private Span<byte> Grow(int size)
    {
        if (_length + size > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        var span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }

    public void WriteByte(byte value) => Grow(1)[0] = value;

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Grow(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Grow(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Grow(8), value);

    public void WriteUnsignedVInt(ulong value)
    {
        int size = VIntCoding.ComputeUnsignedVIntSize(value);
        VIntCoding.WriteUnsignedVInt(value, Grow(size));
    }

    public void WriteVInt(long value) => WriteUnsignedVInt(VIntCoding.EncodeZigZag64(value));

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Grow(bytes.Length));

    /// <summary>An unsigned vint length then the bytes.</summary>
    public void WriteWithLength(ReadOnlySpan<byte> bytes)
    {
        WriteUnsignedVInt((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public byte[] ToArray() => WrittenSpan.ToArray();
}
