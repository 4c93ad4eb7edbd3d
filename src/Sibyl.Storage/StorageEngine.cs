using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sibyl.Data.Model;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.Tables;
using CommitLogService = Sibyl.Storage.CommitLog.CommitLog;

namespace Sibyl.Storage;

/// <summary>
/// The node's replica store: every write goes to the commit log (unless its keyspace has
/// durable_writes=false), then to its table's <see cref="TableStore"/>, and is acknowledged once the sync
/// mode says it is durable. <see cref="StartAsync"/> replays the commit log before the node serves; a flush
/// lets the commit log drop what the table no longer needs.
/// </summary>
public sealed class StorageEngine : IReplicaStore, ITableStoreRegistry, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, TableHolder> _tables = new();
    private readonly CommitLogService _commitLog;
    private readonly string _dataFileDirectory;
    private readonly ILogger _logger;
    private volatile bool _running;

    /// <param name="dataFileDirectory">Where table stores keep SSTables (data_file_directories' first entry).</param>
    public StorageEngine(CommitLogOptions commitLog, string dataFileDirectory, ILoggerFactory loggerFactory, ICommitLogDirectory? directory = null)
    {
        _logger = loggerFactory.CreateLogger<StorageEngine>();
        _dataFileDirectory = dataFileDirectory;
        _commitLog = new CommitLogService(commitLog, loggerFactory.CreateLogger<CommitLogService>(), directory);
        _commitLog.SpaceExceeded += FlushToFreeCommitLog;
    }

    public CommitLogService CommitLog => _commitLog;

    /// <summary>The chunk and key caches every table's SSTable reads share.</summary>
    public Caching.SSTableReadCaches ReadCaches { get; } = new();

    public IReadOnlyCollection<TableStore> TableStores => [.. _tables.Values.Select(t => t.Store)];

    public TableStore? FindTableStore(string keyspace, string table)
    {
        foreach (var holder in _tables.Values)
            if (holder.Store.Keyspace == keyspace && holder.Store.Table == table) return holder.Store;
        return null;
    }

    public TableStore? FindTableStore(Guid tableId) => _tables.TryGetValue(tableId, out var t) ? t.Store : null;

    /// <summary>Replays the commit log into the tables created so far, then opens it for writes.</summary>
    public Task<CommitLogReplayResult> StartAsync(CancellationToken cancellationToken = default)
    {
        var result = _commitLog.Replay(
            tableId => _tables.ContainsKey(tableId),
            (mutation, position) =>
            {
                foreach (var update in mutation.Updates)
                    if (_tables.TryGetValue(update.TableId, out var table)) table.Store.Apply(update, position);
            });
        _logger.LogInformation(
            "Replayed {Mutations} mutations from {Segments} commit log segments in {Elapsed} ms",
            result.Mutations, result.Segments, (long)result.Elapsed.TotalMilliseconds);
        cancellationToken.ThrowIfCancellationRequested();
        _commitLog.Start();
        _running = true;
        return Task.FromResult(result);
    }

    /// <summary>Stops accepting writes, waits for the tables' background work, then syncs and closes the commit log.</summary>
    public async Task StopAsync()
    {
        _running = false;
        foreach (var table in _tables.Values) await table.Store.StopAsync().ConfigureAwait(false);
        await _commitLog.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var table in _tables.Values) await table.Store.DisposeAsync().ConfigureAwait(false);
    }

    public void CreateTable(Guid tableId, ClusteringComparator comparator) => CreateTable(tableId, comparator, durable: true);

    /// <summary>Makes a table known; <paramref name="durable"/> is its keyspace's durable_writes.</summary>
    public void CreateTable(Guid tableId, ClusteringComparator comparator, bool durable) =>
        CreateTable(tableId, comparator, durable, "unnamed", tableId.ToString("N"), TableStoreOptions.Default);

    /// <summary>Makes a table known with its names (its directory and nodetool use them) and storage options.</summary>
    public void CreateTable(Guid tableId, ClusteringComparator comparator, bool durable, string keyspace, string table, TableStoreOptions options)
    {
        if (_tables.ContainsKey(tableId)) return;
        var store = new TableStore(keyspace, table, tableId, comparator, options with { Caches = ReadCaches }, _dataFileDirectory);
        store.BackgroundFailure += (s, e) => _logger.LogError(e, "Background work failed on {Table}", s.ToString());
        store.Flushed += (_, covered) => OnTableFlushed(tableId, covered);
        foreach (var corrupt in store.CorruptSSTables) _logger.LogError("Left out a damaged SSTable of {Table}: {Error}", store.ToString(), corrupt);
        if (!_tables.TryAdd(tableId, new TableHolder(store, durable)))
            _ = store.DisposeAsync().AsTask();
    }

    /// <summary>ALTER KEYSPACE ... durable_writes: whether later writes to the table go through the commit log.</summary>
    public void SetDurableWrites(Guid tableId, bool durable)
    {
        if (_tables.TryGetValue(tableId, out var table)) table.Durable = durable;
    }

    /// <summary>ALTER TABLE: later flushes and compactions use the new options.</summary>
    public void UpdateOptions(Guid tableId, TableStoreOptions options)
    {
        if (_tables.TryGetValue(tableId, out var table)) table.Store.UpdateOptions(options with { Caches = ReadCaches });
    }

    public void DropTable(Guid tableId)
    {
        if (!_tables.TryRemove(tableId, out var table)) return;
        _commitLog.ForgetTable(tableId);
        // DROP TABLE removes the data: once the store has stopped, its directory goes (snapshots with it).
        _ = table.Store.DisposeAsync().AsTask().ContinueWith(_ =>
        {
            try
            {
                if (Directory.Exists(table.Store.Directory)) Directory.Delete(table.Store.Directory, recursive: true);
            }
            catch (IOException e)
            {
                _logger.LogWarning(e, "Could not remove the files of dropped table {Table}", table.Store.ToString());
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    public void Truncate(Guid tableId)
    {
        if (!_tables.TryGetValue(tableId, out var table)) return;
        // Everything logged so far is obsolete for this table: replay must not bring it back.
        var position = CommitLogPosition.Max(table.Store.Truncate(), _commitLog.CurrentPosition);
        if (_running) _commitLog.DiscardCompletedSegments(tableId, position);
    }

    /// <summary>commitlog_total_space reached: flush the tables that keep the oldest segment, in the background.</summary>
    private void FlushToFreeCommitLog(IReadOnlyCollection<Guid> tables) => FlushToFreeCommitLog(tables, recheck: true);

    /// <summary>
    /// Flushes the tables holding the oldest segment. Once such a flush is done the limit is checked once more
    /// (not again after that, so a segment that cannot be freed never causes a flush loop): segments written while
    /// the flush ran are not covered by it, and no new segment may come to trigger the check.
    /// </summary>
    private void FlushToFreeCommitLog(IReadOnlyCollection<Guid> tables, bool recheck)
    {
        foreach (var tableId in tables)
        {
            if (!_tables.ContainsKey(tableId)) continue;
            _logger.LogInformation("Commit log space limit reached: flushing table {Table}", tableId);
            _ = FlushAsync(tableId).ContinueWith(t =>
            {
                if (t.IsFaulted) _logger.LogError(t.Exception, "Flush to free commit log space failed");
                else if (recheck && _commitLog.TablesToFlushForSpace() is { Count: > 0 } more) FlushToFreeCommitLog(more, recheck: false);
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Flushes a table and lets the commit log drop the records the flush covers.</summary>
    public async Task FlushAsync(Guid tableId)
    {
        if (!_tables.TryGetValue(tableId, out var table)) return;
        var covered = await table.Store.FlushAsync().ConfigureAwait(false);
        OnTableFlushed(tableId, covered);
    }

    /// <summary>Flush hook: a table's data up to <paramref name="coveredUpTo"/> is now in SSTables.</summary>
    public void OnTableFlushed(Guid tableId, CommitLogPosition coveredUpTo)
    {
        if (coveredUpTo > CommitLogPosition.None && _running) _commitLog.DiscardCompletedSegments(tableId, coveredUpTo);
    }

    public ValueTask ApplyAsync(Mutation mutation, CancellationToken cancellationToken = default)
    {
        if (!_running) throw new InvalidOperationException("The storage engine is not running");
        bool durable = false;
        foreach (var update in mutation.Updates)
        {
            if (!_tables.TryGetValue(update.TableId, out var table))
                throw new InvalidOperationException($"Unknown table id {update.TableId}");
            durable |= table.Durable;
        }
        CommitLogPosition position;
        Task whenDurable = Task.CompletedTask;
        if (durable)
        {
            var append = _commitLog.Append(mutation);
            position = append.Position;
            whenDurable = append.WhenDurable;
        }
        else
        {
            position = _commitLog.CurrentPosition;
        }
        foreach (var update in mutation.Updates)
            if (_tables.TryGetValue(update.TableId, out var table)) table.Store.Apply(update, position);
        if (whenDurable.IsCompletedSuccessfully) return ValueTask.CompletedTask;
        return new ValueTask(whenDurable.WaitAsync(cancellationToken));
    }

    public IReadOnlyList<PartitionData> Read(ReadCommand command, ReadMetrics? metrics = null) =>
        _tables.TryGetValue(command.TableId, out var table) ? table.Store.Read(command, metrics) : [];

    /// <summary>Bytes held in memtables and live SSTables, for nodetool info's Load.</summary>
    public long LiveDataSize()
    {
        long total = 0;
        foreach (var table in _tables.Values) total += table.Store.MemtableDataSize + table.Store.LiveDiskSpaceUsed;
        return total;
    }

    /// <summary>One table's store and its keyspace's durable_writes.</summary>
    private sealed class TableHolder(TableStore store, bool durable)
    {
        public TableStore Store { get; } = store;
        public volatile bool Durable = durable;
    }
}
