using Microsoft.Win32.SafeHandles;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.SSTables;

/// <summary>Reads Index.db entries sequentially from an offset through a growing positional buffer.</summary>
internal sealed class IndexCursor
{
    private readonly SafeFileHandle _file;
    private readonly long _fileLength;
    private readonly string _path;
    private byte[] _buffer = new byte[4 * 1024];
    private long _bufferStart;
    private int _bufferLength;
    private long _position;

    public IndexCursor(SafeFileHandle file, long fileLength, string path, long position)
    {
        _file = file;
        _fileLength = fileLength;
        _path = path;
        _position = position;
        _bufferStart = position;
    }

    public bool TryNext(out IndexEntry entry)
    {
        entry = null!;
        if (_position >= _fileLength) return false;
        try
        {
            Ensure(Math.Min(9, (int)(_fileLength - _position)));
            var r = new ByteReader(_buffer.AsSpan(0, _bufferLength), (int)(_position - _bufferStart));
            int length = r.ReadLength();
            int headerSize = r.Position - (int)(_position - _bufferStart);
            Ensure(headerSize + length);
            r = new ByteReader(_buffer.AsSpan((int)(_position - _bufferStart) + headerSize, length));
            entry = IndexEntry.Read(ref r);
            _position += headerSize + length;
            return true;
        }
        catch (InvalidDataException e)
        {
            throw new CorruptSSTableException(_path, $"bad index entry at {_position}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Point lookup: walks entries comparing their token and key where they lie in the buffer, and parses only
    /// the entry of <paramref name="key"/> (null once past it), so a lookup allocates one entry, not one per key
    /// of the summary interval it scans.
    /// </summary>
    public IndexEntry? Seek(DecoratedKey key)
    {
        while (_position < _fileLength)
        {
            try
            {
                Ensure(Math.Min(9, (int)(_fileLength - _position)));
                var r = new ByteReader(_buffer.AsSpan(0, _bufferLength), (int)(_position - _bufferStart));
                int length = r.ReadLength();
                int headerSize = r.Position - (int)(_position - _bufferStart);
                Ensure(headerSize + length);
                var body = _buffer.AsSpan((int)(_position - _bufferStart) + headerSize, length);
                var peek = new ByteReader(body);
                long token = peek.ReadInt64();
                int c = token.CompareTo(key.Token.Value);
                if (c == 0) c = peek.ReadSpan(peek.ReadLength()).SequenceCompareTo(key.Key);
                if (c > 0) return null;
                _position += headerSize + length;
                if (c < 0) continue;
                var entryReader = new ByteReader(body);
                return IndexEntry.Read(ref entryReader);
            }
            catch (InvalidDataException e)
            {
                throw new CorruptSSTableException(_path, $"bad index entry at {_position}: {e.Message}", e);
            }
        }
        return null;
    }

    /// <summary>Makes the buffer hold <paramref name="size"/> bytes from the current position.</summary>
    private void Ensure(int size)
    {
        if (_position + size > _fileLength)
            throw new InvalidDataException($"entry runs past the end of the file ({size} bytes)");
        if (_position >= _bufferStart && _position + size <= _bufferStart + _bufferLength) return;
        if (_buffer.Length < size) _buffer = new byte[Math.Max(size, _buffer.Length * 2)];
        _bufferStart = _position;
        int want = (int)Math.Min(_buffer.Length, _fileLength - _position);
        int read = PositionalRead.ReadAtLeast(_file, _buffer.AsSpan(0, want), _position, want);
        _bufferLength = read;
        if (read < size) throw new InvalidDataException("short read");
    }
}
