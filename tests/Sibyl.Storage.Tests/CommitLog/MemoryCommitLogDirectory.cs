using Sibyl.Storage.CommitLog;

namespace Sibyl.Storage.Tests.CommitLog;

/// <summary>
/// An in-memory commit log directory. Each file keeps what was written and what was durable at its last
/// fsync; <see cref="SyncGate"/>, when set, holds every fsync until the test releases it.
/// </summary>
internal sealed class MemoryCommitLogDirectory : ICommitLogDirectory
{
    private readonly object _lock = new();
    private readonly Dictionary<string, MemoryFile> _files = [];
    private int _syncCount;

    public ManualResetEventSlim? SyncGate { get; set; }

    /// <summary>Raised (on the syncing thread) just before an fsync waits at the gate.</summary>
    public event Action? SyncStarting;

    public int SyncCount => Volatile.Read(ref _syncCount);

    public IReadOnlyList<string> List()
    {
        lock (_lock) return [.. _files.Keys.Order(StringComparer.Ordinal)];
    }

    public ISegmentFile Create(string name)
    {
        lock (_lock)
        {
            if (_files.ContainsKey(name)) throw new IOException(name + " exists");
            return _files[name] = new MemoryFile(this);
        }
    }

    public byte[] ReadAll(string name)
    {
        lock (_lock) return _files[name].Written();
    }

    /// <summary>What a machine crash right now would leave: only the fsynced bytes.</summary>
    public byte[] Durable(string name)
    {
        lock (_lock) return _files[name].DurableBytes;
    }

    public void Put(string name, byte[] content)
    {
        lock (_lock) _files[name] = new MemoryFile(this, content);
    }

    public void Delete(string name)
    {
        lock (_lock) _files.Remove(name);
    }

    public void WriteAtomic(string name, ReadOnlySpan<byte> content) => Put(name, content.ToArray());

    public string Describe(string name) => "mem:" + name;

    private sealed class MemoryFile : ISegmentFile
    {
        private readonly MemoryCommitLogDirectory _owner;
        private byte[] _data;

        public MemoryFile(MemoryCommitLogDirectory owner, byte[]? content = null)
        {
            _owner = owner;
            _data = content ?? [];
            DurableBytes = content ?? [];
        }

        public byte[] DurableBytes { get; private set; }

        public byte[] Written()
        {
            lock (this) return (byte[])_data.Clone();
        }

        public void Write(long offset, ReadOnlySpan<byte> data)
        {
            lock (this)
            {
                int end = (int)offset + data.Length;
                if (end > _data.Length) Array.Resize(ref _data, end);
                data.CopyTo(_data.AsSpan((int)offset));
            }
        }

        public void Sync()
        {
            byte[] snapshot = Written();
            _owner.SyncStarting?.Invoke();
            _owner.SyncGate?.Wait();
            DurableBytes = snapshot;
            Interlocked.Increment(ref _owner._syncCount);
        }

        public void Preallocate(int size)
        {
            lock (this)
            {
                if (_data.Length < size) Array.Resize(ref _data, size);
                DurableBytes = (byte[])_data.Clone();
            }
        }

        public void Dispose()
        {
        }
    }
}
