using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Sibyl.Common;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.Compaction;
using Sibyl.Storage.Memtables;
using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Tables;

/// <summary>
/// The storage of one table (Cassandra's ColumnFamilyStore): the memtable taking writes, memtables being
/// flushed and the live SSTables, published together as one immutable <see cref="TableView"/>. Writes never
/// wait for a flush or a compaction; reads merge every source; background work stops with <see cref="StopAsync"/>.
/// Files live in <c>&lt;data_file_directory&gt;/&lt;keyspace&gt;/&lt;table&gt;-&lt;table id hex&gt;/</c>.
/// </summary>
public sealed class TableStore : IAsyncDisposable
{
    private readonly object _viewLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _compactionGate = new(1, 1);
    private readonly List<string> _corruptSSTables = [];
    private volatile TableView _view;
    private volatile TableStoreOptions _options;
    private ICompactionStrategy _strategy;
    private Task<CommitLogPosition> _flushChain = Task.FromResult(CommitLogPosition.None);
    private Task _backgroundCompaction = Task.CompletedTask;
    private CommitLogPosition _flushedPosition = CommitLogPosition.None;
    private ImmutableHashSet<SSTableReader> _compacting = [];
    private bool _flushFailed;
    private bool _compactionPending;
    private bool _compactionRunning;
    private int _nextGeneration;
    private int _truncations;
    private long _reads, _writes, _memtableSwitches, _compactedBytesWritten;
    private volatile bool _autoCompaction = true;
    private volatile bool _stopped;
    private readonly string _qualifiedName;

    public TableStore(string keyspace, string table, Guid tableId, ClusteringComparator comparator, TableStoreOptions options, string dataFileDirectory)
    {
        Keyspace = keyspace;
        Table = table;
        TableId = tableId;
        Comparator = comparator;
        _qualifiedName = keyspace + "." + table;
        _options = options;
        _strategy = CompactionStrategies.Create(options);
        Directory = Path.Combine(dataFileDirectory, keyspace, table + "-" + tableId.ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _view = new TableView(new MemtableHandle(new Memtable(comparator)), [], LoadSSTables());
    }

    public string Keyspace { get; }
    public string Table { get; }
    public Guid TableId { get; }
    public ClusteringComparator Comparator { get; }
    public string Directory { get; }
    public TableStoreOptions Options => _options;

    /// <summary>SSTables found damaged at start-up and left out of the live set (their files are kept for inspection).</summary>
    public IReadOnlyList<string> CorruptSSTables
    {
        get { lock (_corruptSSTables) return [.. _corruptSSTables]; }
    }

    public IReadOnlyList<SSTableReader> LiveSSTables => _view.SSTables;

    /// <summary>Bytes held by the memtables (the current one and those being flushed).</summary>
    public long MemtableDataSize => _view.Memtables.Sum(m => m.Memtable.LiveDataSize);

    /// <summary>Estimated heap bytes held by the memtables (the current one and those being flushed).</summary>
    public long MemtableHeapSize => _view.Memtables.Sum(m => m.Memtable.HeapSize);

    /// <summary>Bytes of the live SSTables on disk.</summary>
    public long LiveDiskSpaceUsed => _view.SSTables.Sum(s => s.OnDiskSize);

    public bool AutoCompactionEnabled
    {
        get => _autoCompaction;
        set
        {
            _autoCompaction = value;
            if (value) ScheduleCompaction();
        }
    }

    /// <summary>Raised when a background flush or compaction fails; the engine logs it.</summary>
    public event Action<TableStore, Exception>? BackgroundFailure;

    /// <summary>Raised after every flush, whoever started it (size threshold, nodetool, shutdown), with the commit
    /// log position it covers, so the commit log can drop the segments that only hold flushed data.</summary>
    public event Action<TableStore, CommitLogPosition>? Flushed;

    /// <summary>Takes new schema options (ALTER TABLE): later flushes and compactions use them.</summary>
    public void UpdateOptions(TableStoreOptions options)
    {
        _options = options;
        Volatile.Write(ref _strategy, CompactionStrategies.Create(options));
        ScheduleCompaction();
    }

    private ImmutableList<SSTableReader> LoadSSTables()
    {
        CompactionLog.Recover(Directory);
        var generations = new SortedSet<int>();
        foreach (var path in System.IO.Directory.GetFiles(Directory))
        {
            if (!SSTableDescriptor.TryParse(path, out var descriptor, out bool temporary)) continue;
            _nextGeneration = Math.Max(_nextGeneration, descriptor!.Generation);
            if (temporary) File.Delete(path); // an unfinished write
            else generations.Add(descriptor.Generation);
        }
        var live = ImmutableList.CreateBuilder<SSTableReader>();
        foreach (int generation in generations)
        {
            var descriptor = new SSTableDescriptor(Directory, generation);
            if (!File.Exists(descriptor.PathOf(SSTableComponent.Toc)))
            {
                SSTableReader.DeleteFiles(descriptor); // never published
                continue;
            }
            try
            {
                live.Add(SSTableReader.Open(descriptor, Comparator, _options.Caches));
            }
            catch (CorruptSSTableException e)
            {
                lock (_corruptSSTables) _corruptSSTables.Add(e.Message);
            }
        }
        return live.ToImmutable();
    }

    private SSTableDescriptor NextDescriptor() => new(Directory, Interlocked.Increment(ref _nextGeneration));

    // ---- writes ----

    /// <summary>Applies one partition update, recorded at <paramref name="position"/> of the commit log.</summary>
    public void Apply(PartitionUpdate update, CommitLogPosition position)
    {
        MemtableHandle handle;
        while (true)
        {
            handle = _view.Current;
            if (handle.TryBeginWrite()) break;
        }
        try
        {
            handle.Memtable.Apply(update);
        }
        finally
        {
            handle.EndWrite(position);
        }
        Interlocked.Increment(ref _writes);
        if (handle.Memtable.HeapSize >= _options.MemtableFlushThresholdBytes && !_stopped && handle.TryRequestFlush())
            _ = FlushAsync(handle);
    }

    // ---- reads ----

    /// <summary>A read merged over memtables and SSTables; same results as a single memtable holding every write.</summary>
    public IReadOnlyList<PartitionData> Read(ReadCommand command, ReadMetrics? metrics = null)
    {
        Interlocked.Increment(ref _reads);
        var (view, sstables) = AcquireView();
        var counter = new TombstoneCounter(_options.TombstoneFailureThreshold, _qualifiedName);
        int sstablesRead = 0;
        try
        {
            var result = command switch
            {
                SinglePartitionReadCommand single => ReadSingle(single, view, sstables, ref counter, ref sstablesRead),
                PartitionRangeReadCommand range => ReadRange(range, view, sstables, ref counter, ref sstablesRead),
                _ => throw new ArgumentException("Unknown read command " + command.GetType().Name, nameof(command)),
            };
            if (metrics is not null)
            {
                metrics.TombstonesScanned = counter.Tombstones;
                metrics.LiveRowsRead = counter.LiveRows;
                metrics.SSTablesRead = sstablesRead;
                if (_options.TombstoneWarnThreshold > 0 && counter.Tombstones > _options.TombstoneWarnThreshold)
                    metrics.Warning = $"Read {counter.LiveRows} live rows and {counter.Tombstones} tombstone cells for query on {Keyspace}.{Table} (see tombstone_warn_threshold)";
            }
            return result;
        }
        finally
        {
            ReleaseView(sstables);
        }
    }

    /// <summary>
    /// The current view with a reference on each of its SSTables (retried if a compaction swapped it meanwhile).
    /// The SSTables are this read's own copy, in an array from the shared pool: <see cref="ReleaseView"/> returns it.
    /// </summary>
    private (TableView View, ArraySegment<SSTableReader> SSTables) AcquireView()
    {
        while (true)
        {
            var view = _view;
            int count = view.SSTables.Count;
            if (count == 0) return (view, ArraySegment<SSTableReader>.Empty);
            var acquired = ArrayPool<SSTableReader>.Shared.Rent(count);
            int n = 0;
            foreach (var s in view.SSTables)
            {
                if (!s.TryAcquire()) break;
                acquired[n++] = s;
            }
            if (n == count) return (view, new ArraySegment<SSTableReader>(acquired, 0, count));
            ReleaseView(new ArraySegment<SSTableReader>(acquired, 0, n));
        }
    }

    private static void ReleaseView(ArraySegment<SSTableReader> sstables)
    {
        if (sstables.Array is not { Length: > 0 } array) return;
        for (int i = 0; i < sstables.Count; i++) array[i].Release();
        ArrayPool<SSTableReader>.Shared.Return(array, clearArray: true);
    }

    // Newest first: see ReadSingle.
    private static readonly IComparer<SSTableReader> NewestFirst =
        Comparer<SSTableReader>.Create(static (a, b) => b.Statistics.MaxTimestamp.CompareTo(a.Statistics.MaxTimestamp));

    // One list of versions and one snapshot of the current memtable per thread, reused (ThreadSpare): a read is
    // synchronous and the merged partition it returns keeps no reference to either (only to the rows).
    // A snapshot that grew past this many rows (a wide partition) is not kept: its buffer would stay for the thread's life.
    private const int MaxKeptSnapshotRows = 256;

    private IReadOnlyList<PartitionData> ReadSingle(SinglePartitionReadCommand command, TableView view, ArraySegment<SSTableReader> sstables,
        ref TombstoneCounter counter, ref int sstablesRead)
    {
        var versions = ThreadSpare<List<IUnfilteredPartition>>.Take() ?? new List<IUnfilteredPartition>(2);
        var snapshot = ThreadSpare<MemtableUnfilteredPartition>.Take() ?? new MemtableUnfilteredPartition(4);
        try
        {
            if (view.Current.Memtable.GetUnfiltered(command.Key, command.Filter, snapshot) is { } current) versions.Add(current);
            if (view.Flushing.Count > 0)
                foreach (var m in view.Flushing)
                    if (m.Memtable.GetUnfiltered(command.Key, command.Filter) is { } p) versions.Add(p);
            var deletion = DeletionTime.Live;
            for (int i = 0; i < versions.Count; i++) deletion = DeletionTime.Max(deletion, versions[i].PartitionDeletion);
            // Newest SSTables first: once a partition deletion covers an SSTable's newest write, it and every
            // older one can only hold shadowed data (Cassandra's timestamp-ordered single partition read).
            // The array is this read's own copy, so it is sorted in place.
            if (sstables.Count > 1) Array.Sort(sstables.Array!, sstables.Offset, sstables.Count, NewestFirst);
            for (int i = 0; i < sstables.Count; i++)
            {
                var s = sstables[i];
                if (!deletion.IsLive && s.Statistics.MaxTimestamp <= deletion.MarkedForDeleteAt) break;
                if (!s.MayContainKey(command.Key)) continue;
                sstablesRead++;
                if (s.GetPartition(command.Key) is not { } p) continue;
                versions.Add(p);
                deletion = DeletionTime.Max(deletion, p.PartitionDeletion);
            }
            if (versions.Count == 0) return [];
            int limit = Math.Min(command.Limits.RowLimit, command.Limits.PerPartitionLimit);
            return [PartitionMerger.Read(versions, command.Filter, limit, command.NowInSeconds, Comparator, ref counter)];
        }
        finally
        {
            versions.Clear();
            ThreadSpare<List<IUnfilteredPartition>>.Give(versions);
            snapshot.Clear();
            if (snapshot.RowCapacity <= MaxKeptSnapshotRows) ThreadSpare<MemtableUnfilteredPartition>.Give(snapshot);
        }
    }

    private List<PartitionData> ReadRange(PartitionRangeReadCommand command, TableView view, ArraySegment<SSTableReader> sstables,
        ref TombstoneCounter counter, ref int sstablesRead)
    {
        var sources = new List<IEnumerable<IUnfilteredPartition>>();
        Func<DecoratedKey, ClusteringIndexFilter> filterFor = command.FirstPartitionFilter is null
            ? _ => command.Filter
            : key => IsStartKey(command.Start, key) ? ClusteringIndexFilter.All : command.Filter;
        foreach (var m in view.Memtables) sources.Add(m.Memtable.Scan(command.Start, command.End, filterFor));
        foreach (var s in sstables)
        {
            if (!s.Intersects(command.Start, command.End)) continue;
            sstablesRead++;
            sources.Add(s.Scan(command.Start, command.End));
        }
        var result = new List<PartitionData>();
        int remaining = command.Limits.RowLimit;
        bool first = true;
        foreach (var versions in PartitionMerger.MergePartitions(sources))
        {
            var key = versions[0].Key;
            // As the memtable read: the first partition filter applies to the partition paging stopped in only.
            bool resumed = first && command.FirstPartitionFilter is not null && IsStartKey(command.Start, key);
            first = false;
            var filter = resumed ? command.FirstPartitionFilter! : command.Filter;
            int limit = Math.Min(remaining, command.Limits.PerPartitionLimit);
            var data = PartitionMerger.Read(versions, filter, limit, command.NowInSeconds, Comparator, ref counter);
            int live = data.Rows.Count;
            bool staticOnly = live == 0 && !resumed && data.StaticRow is not null && data.StaticRow.HasLiveData(command.NowInSeconds);
            if (live == 0 && !staticOnly) continue;
            result.Add(data);
            remaining -= Math.Max(live, staticOnly ? 1 : 0);
            if (remaining <= 0) break;
        }
        return result;
    }

    private static bool IsStartKey(PartitionPosition? start, DecoratedKey key) =>
        start is not { Key: { } startKey } || (start.Value.Token == key.Token && startKey.AsSpan().SequenceEqual(key.Key));

    // ---- flush ----

    /// <summary>
    /// Switches the memtable and writes the old one as an SSTable in the background. Completes with a commit log
    /// position such that every write at or before it is in an SSTable (flushes complete in order).
    /// </summary>
    public Task<CommitLogPosition> FlushAsync() => FlushAsync(null);

    private Task<CommitLogPosition> FlushAsync(MemtableHandle? expected)
    {
        lock (_viewLock)
        {
            var old = _view.Current;
            if (expected is not null && !ReferenceEquals(old, expected)) return _flushChain;
            if (_stopped && expected is not null) return _flushChain;
            // Nothing written: no switch (as Cassandra); completes once earlier flushes have.
            if (old.Memtable.PartitionCount == 0 && !old.HasPositions) return _flushChain;
            old.Seal();
            _view = _view with { Current = new MemtableHandle(new Memtable(Comparator)), Flushing = _view.Flushing.Add(old) };
            Interlocked.Increment(ref _memtableSwitches);
            int epoch = _truncations;
            var previous = _flushChain;
            _flushChain = previous.ContinueWith(p => FlushMemtable(old, epoch, p.IsFaulted), CancellationToken.None,
                TaskContinuationOptions.LongRunning, TaskScheduler.Default);
            return _flushChain;
        }
    }

    private CommitLogPosition FlushMemtable(MemtableHandle handle, int epoch, bool previousFailed)
    {
        BackgroundThreadPriority.LowerCurrentThread(BackgroundThreadPriority.Flush); // a dedicated (LongRunning) thread
        handle.SealAndDrain();
        SSTableReader? reader = null;
        try
        {
            var memtable = handle.Memtable;
            int partitions = memtable.PartitionCount;
            if (partitions > 0)
            {
                using var writer = new SSTableWriter(NextDescriptor(), Comparator, _options.WriterOptions(0), partitions);
                foreach (var partition in memtable.Scan(null, null, static _ => ClusteringIndexFilter.All))
                    writer.Append(partition);
                reader = writer.Finish();
            }
        }
        catch (Exception e)
        {
            lock (_viewLock) _flushFailed = true;
            BackgroundFailure?.Invoke(this, e);
            throw;
        }
        CommitLogPosition covered;
        lock (_viewLock)
        {
            _flushFailed |= previousFailed;
            if (epoch != _truncations)
            {
                // Truncated while flushing: the data is gone, so is this SSTable.
                if (reader is not null)
                {
                    SSTableReader.DeleteFiles(reader.Descriptor);
                    reader.MarkObsolete();
                }
                return _flushedPosition;
            }
            var sstables = reader is null ? _view.SSTables : _view.SSTables.Add(reader);
            _view = _view with { Flushing = _view.Flushing.Remove(handle), SSTables = sstables };
            covered = CommitLogPosition.Max(_flushedPosition, handle.MaxPosition);
            // Writes racing the memtable switch can land in a newer memtable with a lower position.
            foreach (var newer in _view.Memtables)
                if (newer.HasPositions && newer.MinPosition <= covered)
                    covered = new CommitLogPosition(newer.MinPosition.SegmentId, newer.MinPosition.Offset - 1);
            _flushedPosition = CommitLogPosition.Max(_flushedPosition, covered);
            if (_flushFailed) return CommitLogPosition.None; // an older memtable is still unflushed
        }
        ScheduleCompaction();
        Flushed?.Invoke(this, covered);
        return covered;
    }

    // ---- compaction ----

    /// <summary>Starts a background compaction round if the strategy finds work (also done after every flush).</summary>
    public void ScheduleCompaction()
    {
        if (!_autoCompaction || _stopped) return;
        lock (_viewLock)
        {
            if (_compactionRunning)
            {
                // The running round looks again before it ends, so this request is never lost.
                _compactionPending = true;
                return;
            }
            _compactionRunning = true;
            _compactionPending = false;
            _backgroundCompaction = Task.Factory.StartNew(RunBackgroundCompactions, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private void RunBackgroundCompactions()
    {
        BackgroundThreadPriority.LowerCurrentThread(BackgroundThreadPriority.Compaction); // a dedicated (LongRunning) thread
        while (true)
        {
            CompactWhileThereIsWork();
            lock (_viewLock)
            {
                if (!_compactionPending || !_autoCompaction || _stopped)
                {
                    _compactionRunning = false;
                    return;
                }
                _compactionPending = false;
            }
        }
    }

    private void CompactWhileThereIsWork()
    {
        try
        {
            while (_autoCompaction && !_stopped)
            {
                if (!_compactionGate.Wait(0)) break; // a major compaction is running; it reschedules when done
                try
                {
                    var now = _options.Time.GetUtcNow();
                    var candidate = Volatile.Read(ref _strategy).NextBackgroundCompaction(Compactable(), GcBefore(), now);
                    if (candidate is null) break;
                    RunCompaction(candidate);
                }
                finally
                {
                    _compactionGate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stopped)
        {
        }
        catch (Exception e)
        {
            BackgroundFailure?.Invoke(this, e);
        }
    }

    private int GcBefore() => (int)Math.Max(int.MinValue, (long)_options.NowInSeconds() - _options.GcGraceSeconds);

    private List<SSTableReader> Compactable()
    {
        lock (_viewLock) return [.. _view.SSTables.Where(s => !_compacting.Contains(s))];
    }

    /// <summary>nodetool compact: merges every SSTable (the strategy decides the output level and size).</summary>
    public async Task CompactAsync(CancellationToken cancellationToken = default)
    {
        await _compactionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var candidate = Volatile.Read(ref _strategy).MajorCompaction(Compactable());
            if (candidate is null || (candidate.Inputs.Count == 1 && candidate.Inputs[0].Statistics.TombstoneCount == 0)) return;
            await Task.Factory.StartNew(() => RunCompaction(candidate), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _compactionGate.Release();
        }
        ScheduleCompaction();
    }

    /// <summary>
    /// Compacts exactly the given live SSTables together (Cassandra's user-defined compaction); the output
    /// level is the highest input level.
    /// </summary>
    public async Task CompactAsync(IReadOnlyList<SSTableReader> sstables, CancellationToken cancellationToken = default)
    {
        if (sstables.Count == 0) return;
        await _compactionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var candidate = new CompactionCandidate(sstables, sstables.Max(s => s.Level));
            await Task.Factory.StartNew(() => RunCompaction(candidate), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            _compactionGate.Release();
        }
    }

    /// <summary>Bytes written by compactions since start-up (compaction throughput reporting).</summary>
    public long CompactedBytesWritten => Interlocked.Read(ref _compactedBytesWritten);

    private void RunCompaction(CompactionCandidate candidate)
    {
        var inputs = candidate.Inputs;
        int epoch;
        lock (_viewLock)
        {
            if (inputs.Any(s => _compacting.Contains(s) || !_view.SSTables.Contains(s))) return;
            _compacting = _compacting.Union(inputs);
            epoch = _truncations;
        }
        var acquired = new List<SSTableReader>();
        try
        {
            foreach (var s in inputs)
            {
                if (!s.TryAcquire()) return;
                acquired.Add(s);
            }
            var task = new CompactionTask(candidate, Comparator, _options, NextDescriptor, MaxPurgeableTimestamp(inputs));
            var (outputs, log) = task.Run(Directory, Interlocked.Increment(ref _nextGeneration), _stopping.Token);
            bool published;
            lock (_viewLock)
            {
                published = epoch == _truncations && inputs.All(_view.SSTables.Contains);
                if (published)
                    _view = _view with { SSTables = _view.SSTables.RemoveRange(inputs).AddRange(outputs) };
            }
            if (published)
            {
                // Linux keeps open files readable after unlink: running reads finish on the old files.
                foreach (var s in inputs)
                {
                    SSTableReader.DeleteFiles(s.Descriptor);
                    s.MarkObsolete();
                }
            }
            else
            {
                foreach (var s in outputs)
                {
                    SSTableReader.DeleteFiles(s.Descriptor);
                    s.MarkObsolete();
                }
            }
            log.Complete();
            Interlocked.Add(ref _compactedBytesWritten, task.BytesWritten);
        }
        finally
        {
            foreach (var s in acquired) s.Release();
            lock (_viewLock) _compacting = _compacting.Except(inputs);
        }
    }

    /// <summary>
    /// For a key, the timestamp below which a tombstone may be purged: older than the oldest data that
    /// SSTables outside the compaction (bloom filter permitting) and the memtables could hold.
    /// </summary>
    private Func<DecoratedKey, long> MaxPurgeableTimestamp(IReadOnlyList<SSTableReader> inputs)
    {
        var view = _view;
        var others = view.SSTables.Where(s => !inputs.Contains(s)).ToList();
        return key =>
        {
            long min = long.MaxValue;
            foreach (var s in others)
                if (s.Statistics.MinTimestamp < min && s.MayContainKey(key)) min = s.Statistics.MinTimestamp;
            foreach (var m in _view.Memtables)
                min = Math.Min(min, m.Memtable.MinTimestamp);
            return min;
        };
    }

    // ---- truncate and snapshots ----

    /// <summary>
    /// TRUNCATE: drops the memtables and every SSTable. Returns the highest commit log position the dropped
    /// memtables held, which replay must skip (Cassandra records it as truncated_at).
    /// </summary>
    public CommitLogPosition Truncate()
    {
        List<SSTableReader> dropped;
        CommitLogPosition position = CommitLogPosition.None;
        lock (_viewLock)
        {
            foreach (var m in _view.Memtables)
            {
                m.Seal();
                if (m.HasPositions) position = CommitLogPosition.Max(position, m.MaxPosition);
            }
            _truncations++;
            dropped = [.. _view.SSTables];
            _view = new TableView(new MemtableHandle(new Memtable(Comparator)), [], []);
            _flushedPosition = CommitLogPosition.Max(_flushedPosition, position);
        }
        foreach (var s in dropped)
        {
            SSTableReader.DeleteFiles(s.Descriptor);
            s.MarkObsolete();
        }
        return position;
    }

    private string SnapshotsDirectory => Path.Combine(Directory, "snapshots");

    /// <summary>Flushes, then hard-links every live SSTable into <c>snapshots/&lt;name&gt;/</c>; returns that directory.</summary>
    public async Task<string> SnapshotAsync(string name, bool flush = true)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.Contains('\\') || name is "." or "..")
            throw new ArgumentException($"Invalid snapshot name '{name}'", nameof(name));
        if (flush) await FlushAsync().ConfigureAwait(false);
        string target = Path.Combine(SnapshotsDirectory, name);
        if (System.IO.Directory.Exists(target))
            throw new InvalidOperationException($"Snapshot {name} already exists for {Keyspace}.{Table}");
        System.IO.Directory.CreateDirectory(target);
        var (_, sstables) = AcquireView();
        try
        {
            var files = new List<string>();
            foreach (var s in sstables)
            {
                foreach (var component in SSTableDescriptor.AllComponents)
                {
                    string file = s.Descriptor.FileName(component);
                    HardLinks.LinkOrCopy(s.Descriptor.PathOf(component), Path.Combine(target, file));
                    if (component == SSTableComponent.Data) files.Add(file);
                }
            }
            var manifest = new StringBuilder("{\"files\":[");
            manifest.AppendJoin(',', files.Select(f => "\"" + f + "\""));
            manifest.Append("],\"created_at\":\"").Append(_options.Time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture)).Append("\"}\n");
            await File.WriteAllTextAsync(Path.Combine(target, "manifest.json"), manifest.ToString()).ConfigureAwait(false);
        }
        finally
        {
            foreach (var s in sstables) s.Release();
        }
        return target;
    }

    /// <summary>Deletes one snapshot, or all when <paramref name="name"/> is null; returns how many went.</summary>
    public int ClearSnapshot(string? name)
    {
        if (!System.IO.Directory.Exists(SnapshotsDirectory)) return 0;
        int removed = 0;
        foreach (var dir in System.IO.Directory.GetDirectories(SnapshotsDirectory))
        {
            if (name is not null && Path.GetFileName(dir) != name) continue;
            System.IO.Directory.Delete(dir, recursive: true);
            removed++;
        }
        return removed;
    }

    public IReadOnlyList<SnapshotInfo> ListSnapshots()
    {
        if (!System.IO.Directory.Exists(SnapshotsDirectory)) return [];
        var liveFiles = new HashSet<string>(_view.SSTables.SelectMany(s => SSTableDescriptor.AllComponents.Select(s.Descriptor.FileName)));
        var result = new List<SnapshotInfo>();
        foreach (var dir in System.IO.Directory.GetDirectories(SnapshotsDirectory).Order(StringComparer.Ordinal))
        {
            long size = 0, trueSize = 0;
            foreach (var file in System.IO.Directory.GetFiles(dir))
            {
                long length = new FileInfo(file).Length;
                size += length;
                // "True size": what deleting the snapshot would free, i.e. files no longer shared with live SSTables.
                if (!liveFiles.Contains(Path.GetFileName(file))) trueSize += length;
            }
            result.Add(new SnapshotInfo(Path.GetFileName(dir), Keyspace, Table, size, trueSize, System.IO.Directory.GetCreationTimeUtc(dir)));
        }
        return result;
    }

    // ---- statistics ----

    public TableStats GetStats()
    {
        var view = _view;
        var sstables = view.SSTables;
        int maxLevel = sstables.Count == 0 ? 0 : sstables.Max(s => s.Level);
        var levels = new int[maxLevel + 1];
        foreach (var s in sstables) levels[s.Level]++;
        long uncompressed = sstables.Sum(s => s.Statistics.UncompressedSize);
        long data = sstables.Sum(s => s.DataSize);
        long partitions = sstables.Sum(s => s.Statistics.PartitionCount);
        long cells = sstables.Sum(s => s.Statistics.CellCount + s.Statistics.RowCount);
        int gcBefore = GcBefore();
        double droppable = cells == 0 ? 0 : sstables.Sum(s => s.Statistics.EstimatedDroppableTombstoneRatio(gcBefore) * (s.Statistics.CellCount + s.Statistics.RowCount)) / cells;
        return new TableStats
        {
            Keyspace = Keyspace,
            Table = Table,
            SSTableCount = sstables.Count,
            SSTablesInEachLevel = levels,
            SpaceUsedLive = sstables.Sum(s => s.OnDiskSize),
            SpaceUsedTotal = sstables.Sum(s => s.OnDiskSize),
            SpaceUsedBySnapshots = ListSnapshots().Sum(s => s.TrueSize),
            CompressionRatio = uncompressed == 0 ? -1 : data / (double)uncompressed,
            MemtableDataSize = view.Memtables.Sum(m => m.Memtable.LiveDataSize),
            MemtableSwitchCount = Interlocked.Read(ref _memtableSwitches),
            EstimatedPartitions = partitions + view.Memtables.Sum(m => (long)m.Memtable.PartitionCount),
            LocalReadCount = Interlocked.Read(ref _reads),
            LocalWriteCount = Interlocked.Read(ref _writes),
            BloomFilterSpaceUsed = sstables.Sum(s => s.Filter.SizeInBytes),
            IndexSummarySpaceUsed = sstables.Sum(s => s.IndexSummarySize),
            MinPartitionBytes = sstables.Count == 0 ? 0 : sstables.Min(s => s.Statistics.MinPartitionSize),
            MaxPartitionBytes = sstables.Count == 0 ? 0 : sstables.Max(s => s.Statistics.MaxPartitionSize),
            MeanPartitionBytes = partitions == 0 ? 0 : uncompressed / partitions,
            DroppableTombstoneRatio = droppable,
            AutoCompactionEnabled = _autoCompaction,
            PendingCompactions = Volatile.Read(ref _strategy).PendingCompactions(sstables),
        };
    }

    // ---- lifecycle ----

    /// <summary>Stops background work and waits for it: running flushes finish, a running compaction is cancelled.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task flushes, compaction;
        lock (_viewLock)
        {
            flushes = _flushChain;
            compaction = _backgroundCompaction;
        }
        try
        {
            await flushes.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Reported through BackgroundFailure when it happened; the commit log still holds the data.
        }
        await compaction.ConfigureAwait(false);
        await _compactionGate.WaitAsync().ConfigureAwait(false);
        _compactionGate.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        TableView view;
        lock (_viewLock)
        {
            view = _view;
            _view = view with { SSTables = [] };
        }
        foreach (var s in view.SSTables) s.Close();
        _stopping.Dispose();
    }

    public override string ToString() => $"{Keyspace}.{Table}";
}
