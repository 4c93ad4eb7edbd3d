using Sibyl.Data.Model;

namespace Sibyl.Storage.CommitLog;

/// <summary>
/// One segment's live state: the allocation pointer, which tables have unflushed data in it (and up to
/// which offset), and how far it is durable. Allocation takes a short lock; the write itself and the fsync
/// happen outside it. A sync waits for every write allocated before it (a <see cref="WriteGroup"/> barrier),
/// so a durable record never follows a hole that a crash could leave.
/// </summary>
internal sealed class CommitLogSegment
{
    private readonly object _lock = new();
    private readonly Dictionary<Guid, int> _dirty;
    private ISegmentFile? _file;
    private int _allocated;
    private volatile int _synced;
    private WriteGroup _group = new();
    private bool _sealed;

    private CommitLogSegment(long id, string fileName, int size, ISegmentFile? file, Dictionary<Guid, int> dirty, int allocated, bool isSealed)
    {
        Id = id;
        FileName = fileName;
        Size = size;
        _file = file;
        _dirty = dirty;
        _allocated = allocated;
        _synced = isSealed ? allocated : 0;
        _sealed = isSealed;
    }

    public long Id { get; }
    public string FileName { get; }
    public int Size { get; }

    /// <summary>
    /// A new segment, its header written (durable with its first sync). A preallocated segment is written
    /// whole with zeros and synced first: later syncs then only flush data blocks, not the file's growing
    /// size and extents, which halves the cost of each fsync the batch and group modes wait for. Trailing
    /// zeros read as the end of the segment, so replay needs nothing special.
    /// </summary>
    public static CommitLogSegment Create(ICommitLogDirectory directory, long id, int size, bool preallocate = false)
    {
        string name = CommitLogFormat.SegmentFileName(id);
        var file = directory.Create(name);
        try
        {
            if (preallocate) file.Preallocate(size);
            Span<byte> header = stackalloc byte[CommitLogFormat.HeaderSize];
            CommitLogFormat.WriteHeader(header, id);
            file.Write(0, header);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        return new CommitLogSegment(id, name, size, file, [], CommitLogFormat.HeaderSize, isSealed: false) { IsPreallocated = preallocate };
    }

    public bool IsPreallocated { get; private init; }


    /// <summary>A segment found at start-up: already durable, read-only, dirty for the tables replayed from it.</summary>
    public static CommitLogSegment Replayed(long id, string fileName, Dictionary<Guid, int> dirty, int end) =>
        new(id, fileName, end, null, dirty, end, isSealed: true);

    public bool TryAllocate(int size, ReadOnlyItems<PartitionUpdate> updates, out int offset, out WriteGroup group)
    {
        lock (_lock)
        {
            if (_sealed || _allocated + (long)size > Size)
            {
                _sealed = true;
                offset = 0;
                group = null!;
                return false;
            }
            offset = _allocated;
            _allocated += size;
            group = _group;
            group.Pending++;
            int end = _allocated;
            foreach (var update in updates) _dirty[update.TableId] = end;
            return true;
        }
    }

    public void Write(int offset, ReadOnlySpan<byte> record) => _file!.Write(offset, record);

    public void Complete(WriteGroup group)
    {
        lock (_lock)
        {
            if (--group.Pending == 0 && group.Closed) group.Done.Set();
        }
    }

    public CommitLogPosition CurrentPosition
    {
        get
        {
            lock (_lock) return new CommitLogPosition(Id, _allocated);
        }
    }

    public int SyncedOffset => _synced;

    public bool IsOpen
    {
        get
        {
            lock (_lock) return _file is not null;
        }
    }

    /// <summary>No more allocations (full, or the log is stopping).</summary>
    public void Seal()
    {
        lock (_lock) _sealed = true;
    }

    /// <summary>
    /// Makes everything allocated so far durable: waits for those writes, then fsyncs if anything is new.
    /// Closes the file once the segment is sealed and wholly synced. Called by the syncer only.
    /// </summary>
    public void Sync()
    {
        WriteGroup barrier;
        int target;
        bool isSealed;
        lock (_lock)
        {
            if (_file is null) return;
            target = _allocated;
            isSealed = _sealed;
            barrier = _group;
            _group = new WriteGroup();
            barrier.Closed = true;
            if (barrier.Pending == 0) barrier.Done.Set();
        }
        barrier.Done.Wait();
        if (target > _synced)
        {
            _file.Sync();
            _synced = target;
        }
        if (isSealed)
        {
            lock (_lock)
            {
                _file.Dispose();
                _file = null;
            }
        }
    }

    /// <summary>Forgets <paramref name="tableId"/>'s data here if a flush covering <paramref name="upTo"/> holds all of it.</summary>
    public void MarkClean(Guid tableId, CommitLogPosition upTo)
    {
        lock (_lock)
        {
            if (!_dirty.TryGetValue(tableId, out int end)) return;
            if (Id < upTo.SegmentId || (Id == upTo.SegmentId && end <= upTo.Offset)) _dirty.Remove(tableId);
        }
    }

    public void Forget(Guid tableId)
    {
        lock (_lock) _dirty.Remove(tableId);
    }

    /// <summary>Sealed, durable, closed and holding no unflushed table data: the file may go.</summary>
    public bool IsUnused
    {
        get
        {
            lock (_lock) return _sealed && _file is null && _dirty.Count == 0;
        }
    }

    public IReadOnlyCollection<Guid> DirtyTables
    {
        get
        {
            lock (_lock) return [.. _dirty.Keys];
        }
    }

    /// <summary>The writes allocated between two syncs; the later sync waits for all of them.</summary>
    internal sealed class WriteGroup
    {
        public int Pending;
        public bool Closed;
        public readonly ManualResetEventSlim Done = new(false);
    }
}
