using Microsoft.Win32.SafeHandles;

namespace Sibyl.Storage.CommitLog;

/// <summary>The commit log directory on disk; segment writes are pwrite calls on a shared handle.</summary>
public sealed class FileCommitLogDirectory : ICommitLogDirectory
{
    private readonly string _path;

    public FileCommitLogDirectory(string path)
    {
        _path = Path.GetFullPath(path);
        Directory.CreateDirectory(_path);
    }

    public string FullPath => _path;

    public IReadOnlyList<string> List() =>
        [.. Directory.EnumerateFiles(_path).Select(p => Path.GetFileName(p))];

    public ISegmentFile Create(string name) =>
        new FileSegment(File.OpenHandle(Path.Combine(_path, name), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read));

    public byte[] ReadAll(string name) => File.ReadAllBytes(Path.Combine(_path, name));

    public void Delete(string name) => File.Delete(Path.Combine(_path, name));

    public void WriteAtomic(string name, ReadOnlySpan<byte> content)
    {
        string target = Path.Combine(_path, name), temp = target + ".tmp";
        using (var handle = File.OpenHandle(temp, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(handle, content, 0);
            RandomAccess.FlushToDisk(handle);
        }
        File.Move(temp, target, overwrite: true);
    }

    public string Describe(string name) => Path.Combine(_path, name);

    private sealed class FileSegment(SafeFileHandle handle) : ISegmentFile
    {
        public void Write(long offset, ReadOnlySpan<byte> data) => RandomAccess.Write(handle, data, offset);

        public void Sync() => RandomAccess.FlushToDisk(handle);

        public void Preallocate(int size)
        {
            // Real zeros, not fallocate: unwritten extents would still cost a metadata update per fsync.
            var zeros = new byte[Math.Min(size, 1 << 20)];
            for (long offset = 0; offset < size; offset += zeros.Length)
                RandomAccess.Write(handle, zeros.AsSpan(0, (int)Math.Min(zeros.Length, size - offset)), offset);
            RandomAccess.FlushToDisk(handle);
        }

        public void Dispose() => handle.Dispose();
    }
}
