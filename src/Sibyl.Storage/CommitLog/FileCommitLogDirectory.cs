using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Sibyl.Storage.CommitLog;

/// <summary>The commit log directory on disk; segment writes are pwrite calls on a shared handle.</summary>
public sealed partial class FileCommitLogDirectory : ICommitLogDirectory
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

    private sealed partial class FileSegment(SafeFileHandle handle) : ISegmentFile
    {
        public void Write(long offset, ReadOnlySpan<byte> data) => RandomAccess.Write(handle, data, offset);

        /// <summary>
        /// fdatasync where there is one: it still flushes a size change, but not the modification time, so a
        /// sync of a preallocated segment is a data write alone and does not wait on a file system journal
        /// commit (which, on ext4, would also wait for the dirty blocks of an SSTable being flushed).
        /// </summary>
        public void Sync()
        {
            if (!OperatingSystem.IsLinux())
            {
                RandomAccess.FlushToDisk(handle);
                return;
            }
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                if (FDataSync((int)handle.DangerousGetHandle()) != 0)
                    throw new IOException($"fdatasync of a commit log segment failed (errno {Marshal.GetLastPInvokeError()})");
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
        private static partial int FDataSync(int fd);

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
