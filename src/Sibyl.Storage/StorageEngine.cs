using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sibyl.Data.Model;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.Memtables;
using CommitLogService = Sibyl.Storage.CommitLog.CommitLog;

namespace Sibyl.Storage;

/// <summary>
/// The node's replica store: every write goes to the commit log (unless its keyspace has
/// durable_writes=false), then to its table's memtable, and is acknowledged once the sync mode says it is
/// durable. <see cref="StartAsync"/> replays the commit log before the node serves.
/// </summary>
public sealed class StorageEngine : IReplicaStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, TableHolder> _tables = new();
    private readonly CommitLogService _commitLog;
    private readonly ILogger _logger;
    private volatile bool _running;

    public StorageEngine(CommitLogOptions commitLog, ILoggerFactory loggerFactory, ICommitLogDirectory? directory = null)
    {
        _logger = loggerFactory.CreateLogger<StorageEngine>();
        _commitLog = new CommitLogService(commitLog, loggerFactory.CreateLogger<CommitLogService>(), directory);
    }

    public CommitLogService CommitLog => _commitLog;

    /// <summary>Replays the commit log into the memtables of the tables created so far, then opens it for writes.</summary>
    public Task<CommitLogReplayResult> StartAsync(CancellationToken cancellationToken = default)
    {
        var result = _commitLog.Replay(
            tableId => _tables.ContainsKey(tableId),
            (mutation, position) =>
            {
                foreach (var update in mutation.Updates)
                    if (_tables.TryGetValue(update.TableId, out var table)) table.Apply(update, position);
            });
        _logger.LogInformation(
            "Replayed {Mutations} mutations from {Segments} commit log segments in {Elapsed} ms",
            result.Mutations, result.Segments, (long)result.Elapsed.TotalMilliseconds);
        cancellationToken.ThrowIfCancellationRequested();
        _commitLog.Start();
        _running = true;
        return Task.FromResult(result);
    }

    /// <summary>Stops accepting writes, then syncs and closes the commit log.</summary>
    public async Task StopAsync()
    {
        _running = false;
        await _commitLog.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public void CreateTable(Guid tableId, ClusteringComparator comparator) => CreateTable(tableId, comparator, durable: true);

    /// <summary>Makes a table known; <paramref name="durable"/> is its keyspace's durable_writes.</summary>
    public void CreateTable(Guid tableId, ClusteringComparator comparator, bool durable) =>
        _tables.TryAdd(tableId, new TableHolder(comparator, durable));

    /// <summary>ALTER KEYSPACE ... durable_writes: whether later writes to the table go through the commit log.</summary>
    public void SetDurableWrites(Guid tableId, bool durable)
    {
        if (_tables.TryGetValue(tableId, out var table)) table.Durable = durable;
    }

    public void DropTable(Guid tableId)
    {
        if (_tables.TryRemove(tableId, out _)) _commitLog.ForgetTable(tableId);
    }

    public void Truncate(Guid tableId)
    {
        if (!_tables.TryGetValue(tableId, out var table)) return;
        // Everything logged so far is obsolete for this table: replay must not bring it back.
        var position = _commitLog.CurrentPosition;
        table.Current = new Memtable(table.Comparator);
        if (_running) _commitLog.DiscardCompletedSegments(tableId, position);
    }

    /// <summary>Flush hook: a table's data up to <paramref name="coveredUpTo"/> is now in SSTables.</summary>
    public void OnTableFlushed(Guid tableId, CommitLogPosition coveredUpTo) =>
        _commitLog.DiscardCompletedSegments(tableId, coveredUpTo);

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
            if (_tables.TryGetValue(update.TableId, out var table)) table.Apply(update, position);
        if (whenDurable.IsCompletedSuccessfully) return ValueTask.CompletedTask;
        return new ValueTask(whenDurable.WaitAsync(cancellationToken));
    }

    public IReadOnlyList<PartitionData> Read(ReadCommand command) =>
        _tables.TryGetValue(command.TableId, out var table) ? table.Current.Read(command) : [];

    /// <summary>Bytes held in memtables, for nodetool info's Load.</summary>
    public long LiveDataSize()
    {
        long total = 0;
        foreach (var table in _tables.Values) total += table.Current.LiveDataSize;
        return total;
    }

    /// <summary>One table's memtable (until the table stores with flush land) and its keyspace's durable_writes.</summary>
    private sealed class TableHolder(ClusteringComparator comparator, bool durable)
    {
        public ClusteringComparator Comparator { get; } = comparator;
        public volatile Memtable Current = new(comparator);
        public volatile bool Durable = durable;

        /// <summary><paramref name="position"/> is where the update's record ends; a flushing table store keeps it.</summary>
        public void Apply(PartitionUpdate update, CommitLogPosition position)
        {
            _ = position;
            Current.Apply(update);
        }
    }
}
