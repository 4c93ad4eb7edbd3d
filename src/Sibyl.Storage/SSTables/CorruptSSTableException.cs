namespace Sibyl.Storage.SSTables;

/// <summary>An SSTable component failed its checksum or structure checks; names the damaged file.</summary>
public sealed class CorruptSSTableException : IOException
{
    public CorruptSSTableException() { }

    public CorruptSSTableException(string message) : base(message) { }

    public CorruptSSTableException(string message, Exception inner) : base(message, inner) { }

    public CorruptSSTableException(string path, string detail, Exception? inner = null)
        : base($"Corrupted SSTable {path}: {detail}", inner)
    {
        FilePath = path;
    }

    public string? FilePath { get; }
}
