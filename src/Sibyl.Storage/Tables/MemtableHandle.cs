using Sibyl.Storage.Memtables;

namespace Sibyl.Storage.Tables;

/// <summary>
/// A memtable with the bookkeeping a flush needs: writes in flight (a flush waits for them once the memtable
/// is sealed) and the commit log positions it holds.
/// </summary>
internal sealed class MemtableHandle(Memtable memtable)
{
    private readonly object _positionLock = new();
    private int _pendingWrites;
    private int _sealed;
    private int _flushRequested;

    public Memtable Memtable { get; } = memtable;

    public CommitLogPosition MinPosition { get; private set; } = CommitLogPosition.None;
    public CommitLogPosition MaxPosition { get; private set; } = CommitLogPosition.None;
    public bool HasPositions { get; private set; }

    public bool IsSealed => Volatile.Read(ref _sealed) != 0;

    /// <summary>Enters a write; false when the memtable was sealed meanwhile (the writer retries on the new one).</summary>
    public bool TryBeginWrite()
    {
        Interlocked.Increment(ref _pendingWrites);
        if (Volatile.Read(ref _sealed) == 0) return true;
        Interlocked.Decrement(ref _pendingWrites);
        return false;
    }

    public void EndWrite(CommitLogPosition position)
    {
        if (position != CommitLogPosition.None)
        {
            lock (_positionLock)
            {
                if (!HasPositions || position < MinPosition) MinPosition = position;
                if (!HasPositions || position > MaxPosition) MaxPosition = position;
                HasPositions = true;
            }
        }
        Interlocked.Decrement(ref _pendingWrites);
    }

    /// <summary>Stops new writes and waits for those in flight (they are short: one memtable apply).</summary>
    public void SealAndDrain()
    {
        Interlocked.Exchange(ref _sealed, 1); // full fence: pairs with the increment in TryBeginWrite
        var spin = new SpinWait();
        while (Volatile.Read(ref _pendingWrites) != 0) spin.SpinOnce();
    }

    public void Seal() => Interlocked.Exchange(ref _sealed, 1);

    /// <summary>True once per memtable: the first writer to see it over the size threshold starts the flush.</summary>
    public bool TryRequestFlush() => Interlocked.Exchange(ref _flushRequested, 1) == 0;
}
