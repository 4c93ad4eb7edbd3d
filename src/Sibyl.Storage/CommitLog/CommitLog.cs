using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Data.Model;
using Sibyl.Storage.Serialization;

namespace Sibyl.Storage.CommitLog;

/// <summary>
/// The commit log: every mutation is framed and appended to the active segment before it reaches a
/// memtable, so a crash loses nothing acknowledged. Appends from many threads allocate space under a short
/// per-segment lock and write outside it; one background syncer fsyncs per <see cref="CommitLogSyncMode"/>.
/// Lifecycle: <see cref="Replay"/> (optional) then <see cref="Start"/>, appends, <see cref="StopAsync"/>.
/// Segments are deleted once every table with data in them has flushed past it.
/// </summary>
public sealed class CommitLog : IAsyncDisposable
{
    private readonly CommitLogOptions _options;
    private readonly ICommitLogDirectory _directory;
    private readonly ILogger _logger;
    private readonly object _segmentsLock = new();
    private readonly List<CommitLogSegment> _segments = [];
    private readonly FlushedPositions _flushed;
    private readonly Channel<bool> _syncRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _nextSync = NewSyncRound();
    private volatile CommitLogSegment? _active;
    private Task<CommitLogSegment>? _prepared;
    private long _nextSegmentId;
    private Task? _syncer;
    private volatile bool _stopped;
    private bool _replayed;

    private readonly ITimeSource _clock;

    /// <param name="clock">Seeds segment ids (milliseconds since the epoch), as Cassandra's do.</param>
    public CommitLog(CommitLogOptions options, ILogger logger, ICommitLogDirectory? directory = null, ITimeSource? clock = null)
    {
        _clock = clock ?? new SystemTimeSource();
        if (options.SegmentSize < CommitLogFormat.HeaderSize + 1024)
            throw new ArgumentException("commitlog_segment_size is too small: " + options.SegmentSize, nameof(options));
        _options = options;
        _logger = logger;
        _directory = directory ?? new FileCommitLogDirectory(options.Directory);
        _flushed = FlushedPositions.Load(_directory);
    }

    public CommitLogSyncMode SyncMode => _options.SyncMode;

    /// <summary>A position after every record appended so far: what a memtable switched now covers.</summary>
    public CommitLogPosition CurrentPosition => _active?.CurrentPosition ?? CommitLogPosition.None;

    /// <summary>File names of the segments still on disk, oldest first.</summary>
    public IReadOnlyList<string> SegmentFileNames
    {
        get
        {
            lock (_segmentsLock) return [.. _segments.Select(s => s.FileName)];
        }
    }

    /// <summary>
    /// Replays the segments found on disk, oldest first, verifying every CRC. Updates of tables
    /// <paramref name="isKnownTable"/> rejects (dropped) or already flushed are skipped. A torn or corrupt
    /// record ends the replay of its segment; the file and the bytes skipped are logged. Call before Start.
    /// </summary>
    public CommitLogReplayResult Replay(Func<Guid, bool> isKnownTable, Action<Mutation, CommitLogPosition> apply)
    {
        if (_replayed || _active is not null) throw new InvalidOperationException("Replay runs once, before Start");
        _replayed = true;
        var started = Stopwatch.StartNew();
        var found = new List<(long Id, string Name)>();
        foreach (var name in _directory.List())
        {
            if (!CommitLogFormat.TryParseSegmentFileName(name, out int version, out long id)) continue;
            if (version != CommitLogFormat.Version)
                throw new InvalidDataException($"Commit log segment {_directory.Describe(name)} has unsupported format version {version}");
            found.Add((id, name));
        }
        found.Sort((a, b) => a.Id.CompareTo(b.Id));

        long mutations = 0, skipped = 0;
        var damaged = new List<string>();
        foreach (var (id, name) in found)
        {
            var reader = new CommitLogSegmentReader(_directory.ReadAll(name));
            var dirty = new Dictionary<Guid, int>();
            if (reader.HeaderValid && reader.SegmentId != id) reader.MarkCorrupt(0);
            while (!reader.Finished)
            {
                int recordStart = reader.Offset;
                if (!reader.TryReadNext(out var payload, out int end)) break;
                var position = new CommitLogPosition(id, end);
                Mutation mutation;
                try
                {
                    mutation = MutationSerializer.Deserialize(payload.Span, t => isKnownTable(t) && !_flushed.Covers(t, position));
                }
                catch (InvalidDataException)
                {
                    reader.MarkCorrupt(recordStart);
                    break;
                }
                if (mutation.Updates.Count == 0) continue;
                apply(mutation, position);
                mutations++;
                foreach (var update in mutation.Updates) dirty[update.TableId] = end;
            }
            if (reader.IsCorrupt)
            {
                skipped += reader.SkippedBytes;
                damaged.Add(_directory.Describe(name));
                _logger.LogWarning(
                    "Commit log segment {File} is damaged at offset {Offset}: replay of it stopped there, {Skipped} bytes skipped",
                    _directory.Describe(name), reader.Offset, reader.SkippedBytes);
            }
            lock (_segmentsLock) _segments.Add(CommitLogSegment.Replayed(id, name, dirty, reader.Offset));
            _nextSegmentId = Math.Max(_nextSegmentId, id + 1);
        }
        return new CommitLogReplayResult(found.Count, mutations, skipped, damaged, started.Elapsed);
    }

    /// <summary>Opens a fresh segment and starts the background syncer.</summary>
    public void Start()
    {
        if (_active is not null || _stopped) throw new InvalidOperationException("The commit log is already started or stopped");
        // Ids only grow, across restarts too: recorded flush positions must never cover a newer segment.
        _nextSegmentId = Math.Max(Math.Max(_nextSegmentId, _flushed.MaxSegmentId + 1), _clock.UtcNow.ToUnixTimeMilliseconds());
        lock (_segmentsLock)
        {
            foreach (var name in _directory.List())
                if (CommitLogFormat.TryParseSegmentFileName(name, out _, out long id) && !_segments.Any(s => s.Id == id))
                    _nextSegmentId = Math.Max(_nextSegmentId, id + 1);
            _active = NewSegment();
            DeleteUnusedSegments();
        }
        _syncer = Task.Run(SyncLoopAsync);
    }

    /// <summary>
    /// Appends one mutation. The record is written before this returns; <see cref="CommitLogAppend.WhenDurable"/>
    /// completes when the sync mode considers it durable.
    /// </summary>
    public CommitLogAppend Append(Mutation mutation)
    {
        if (_stopped || _active is null) throw new InvalidOperationException("The commit log is not running");
        int payloadSize = MutationSerializer.ComputeSize(mutation);
        int total = payloadSize + CommitLogFormat.RecordOverhead;
        if (total > _options.MaxRecordSize)
            throw new InvalidRequestException(
                $"Rejected an oversized mutation ({total}/{_options.MaxRecordSize}) for keyspace: {mutation.Keyspace}");
        byte[] buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var record = buffer.AsSpan(0, total);
            MutationSerializer.Serialize(mutation, record.Slice(8, payloadSize));
            CommitLogFormat.FrameRecord(record);
            while (true)
            {
                var segment = _active ?? throw new InvalidOperationException("The commit log is not running");
                if (!segment.IsPreallocated && Volatile.Read(ref _prepared) is { IsCompletedSuccessfully: true })
                {
                    // The segment opened at start was not zero-filled (start stays fast): leave it as soon as
                    // the first prepared one is ready.
                    SwitchSegment(segment);
                    continue;
                }
                if (segment.TryAllocate(total, mutation.Updates, out int offset, out var group))
                {
                    try
                    {
                        segment.Write(offset, record);
                    }
                    finally
                    {
                        segment.Complete(group);
                    }
                    var position = new CommitLogPosition(segment.Id, offset + total);
                    if (_options.SyncMode == CommitLogSyncMode.Periodic) return new CommitLogAppend(position, Task.CompletedTask);
                    // Read the round after the write: that round's sync starts later, so it covers this record.
                    var round = Volatile.Read(ref _nextSync).Task;
                    _syncRequests.Writer.TryWrite(true);
                    return new CommitLogAppend(position, round);
                }
                SwitchSegment(segment);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends and waits until the record is as durable as the sync mode promises.</summary>
    public async ValueTask<CommitLogPosition> AppendAsync(Mutation mutation)
    {
        var append = Append(mutation);
        await append.WhenDurable.ConfigureAwait(false);
        return append.Position;
    }

    /// <summary>Forces an fsync of everything appended so far, whatever the mode.</summary>
    public Task SyncAsync()
    {
        if (_stopped || _syncer is null) return Task.CompletedTask;
        var round = Volatile.Read(ref _nextSync).Task;
        _syncRequests.Writer.TryWrite(true);
        return round;
    }

    /// <summary>
    /// Called when a memtable of <paramref name="tableId"/> covering every record up to <paramref name="upTo"/>
    /// is flushed (or the table truncated): the table no longer needs those records, and segments no table
    /// needs are deleted.
    /// </summary>
    public void DiscardCompletedSegments(Guid tableId, CommitLogPosition upTo)
    {
        lock (_segmentsLock)
        {
            // Recorded before any file goes, so replay never resurrects flushed or truncated data.
            if (_flushed.Advance(tableId, upTo)) _flushed.Save(_directory);
            foreach (var segment in _segments) segment.MarkClean(tableId, upTo);
            DeleteUnusedSegments();
        }
    }

    /// <summary>A dropped table: nothing of it needs replaying any more.</summary>
    public void ForgetTable(Guid tableId)
    {
        lock (_segmentsLock)
        {
            if (_flushed.Remove(tableId)) _flushed.Save(_directory);
            foreach (var segment in _segments) segment.Forget(tableId);
            DeleteUnusedSegments();
        }
    }

    /// <summary>Stops the syncer after a last fsync of everything appended, and closes the files.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_syncer is not null)
        {
            try
            {
                await _syncer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the loop ends by cancellation
            }
        }
        if (_active is { } active) active.Seal();
        DiscardPreparedSegment();
        var round = Interlocked.Exchange(ref _nextSync, NewSyncRound());
        try
        {
            SyncAll();
            round.TrySetResult();
        }
        catch (Exception e)
        {
            round.TrySetException(e);
            throw;
        }
        finally
        {
            _nextSync.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static TaskCompletionSource NewSyncRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Under the segments lock: the next active segment, the prepared one when there is one.</summary>
    private CommitLogSegment NewSegment()
    {
        int size = (int)Math.Min(int.MaxValue, _options.SegmentSize);
        var segment = TakePreparedSegment() ?? CommitLogSegment.Create(_directory, _nextSegmentId++, size);
        _segments.Add(segment);
        if (_options.SyncMode != CommitLogSyncMode.Periodic && !_stopped)
        {
            // Batch and group modes wait for every fsync: zero-fill the next segment ahead of need (as
            // Cassandra's segment manager prepares its next segment) so those fsyncs stay cheap.
            long id = _nextSegmentId++;
            _prepared = Task.Run(() => CommitLogSegment.Create(_directory, id, size, preallocate: true));
        }
        return segment;
    }

    private CommitLogSegment? TakePreparedSegment()
    {
        if (_prepared is not { } prepared) return null;
        _prepared = null;
        try
        {
            // Normally long finished: a segment takes far longer to fill than to zero.
            return prepared.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(e, "Could not prepare the next commit log segment; creating one without preallocation");
            return null;
        }
    }

    /// <summary>At stop: the prepared segment never received a record, so its file goes.</summary>
    private void DiscardPreparedSegment()
    {
        CommitLogSegment? prepared;
        lock (_segmentsLock) prepared = TakePreparedSegment();
        if (prepared is null) return;
        prepared.Seal();
        prepared.Sync();
        _directory.Delete(prepared.FileName);
    }

    /// <summary>
    /// Raised when the segments exceed commitlog_total_space, with the tables whose unflushed data keeps the
    /// oldest segment alive: flushing them lets it be deleted (Cassandra's CommitLog space management).
    /// </summary>
    public event Action<IReadOnlyCollection<Guid>>? SpaceExceeded;

    /// <summary>
    /// The tables keeping the oldest segment alive while the segments exceed commitlog_total_space, else null:
    /// asked again once a space flush completes, since segments written during that flush are not covered by it.
    /// </summary>
    public IReadOnlyCollection<Guid>? TablesToFlushForSpace()
    {
        lock (_segmentsLock) return _stopped ? null : OldestSegmentTablesOverLimit();
    }

    private IReadOnlyCollection<Guid>? OldestSegmentTablesOverLimit()
    {
        long used = 0;
        foreach (var segment in _segments) used += segment.Size;
        return used > _options.TotalSpace && _segments.Count > 1 ? _segments[0].DirtyTables : null;
    }

    private void SwitchSegment(CommitLogSegment full)
    {
        IReadOnlyCollection<Guid>? toFlush = null;
        lock (_segmentsLock)
        {
            if (_stopped) throw new InvalidOperationException("The commit log is not running");
            full.Seal();
            if (_active == full) _active = NewSegment();
            toFlush = OldestSegmentTablesOverLimit();
        }
        if (toFlush is { Count: > 0 }) SpaceExceeded?.Invoke(toFlush);
        // Sync the full segment soon, so its file can close.
        _syncRequests.Writer.TryWrite(true);
    }

    private void DeleteUnusedSegments()
    {
        for (int i = _segments.Count - 1; i >= 0; i--)
        {
            var segment = _segments[i];
            if (segment == _active || !segment.IsUnused) continue;
            _segments.RemoveAt(i);
            _directory.Delete(segment.FileName);
            _logger.LogDebug("Deleted commit log segment {File}", segment.FileName);
        }
    }

    private void SyncAll()
    {
        CommitLogSegment[] open;
        lock (_segmentsLock) open = [.. _segments.Where(s => s.IsOpen)];
        foreach (var segment in open) segment.Sync();
        bool closedAny = false;
        foreach (var segment in open) closedAny |= !segment.IsOpen;
        if (closedAny)
            lock (_segmentsLock) DeleteUnusedSegments();
    }

    private async Task SyncLoopAsync()
    {
        var stop = _stopping.Token;
        long lastSync = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_options.SyncMode == CommitLogSyncMode.Periodic)
                {
                    using var period = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    period.CancelAfter(_options.SyncPeriod);
                    try
                    {
                        await _syncRequests.Reader.ReadAsync(period.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                    {
                        // the period elapsed
                    }
                }
                else
                {
                    await _syncRequests.Reader.ReadAsync(stop).ConfigureAwait(false);
                    if (_options.SyncMode == CommitLogSyncMode.Group)
                    {
                        // At most one fsync per window; writers arriving meanwhile join this round.
                        long wait = lastSync + (long)_options.GroupWindow.TotalMilliseconds - Environment.TickCount64;
                        if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), stop).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            lastSync = Environment.TickCount64;
            var round = Interlocked.Exchange(ref _nextSync, NewSyncRound());
            try
            {
                SyncAll();
                round.TrySetResult();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Commit log sync failed");
                round.TrySetException(e);
            }
        }
    }
}
