using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Common;
using Sibyl.Cql.Functions;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Replica;
using Sibyl.Storage.Serialization;

namespace Sibyl.Coordinator.Batchlog;

/// <summary>
/// The batch log (Cassandra's BatchlogManager): a LOGGED batch spanning partitions is first written to
/// system.batches, then applied, then removed. An entry still present after the write timeout belongs to a
/// coordinator that died mid-batch; replaying it re-applies every mutation (idempotent: same timestamps),
/// so after a crash the batch ends up either fully applied or, when the log write itself was lost, not at all.
/// </summary>
public sealed class BatchlogManager
{
    /// <summary>system.batches.version: the format of the serialized mutations (MutationSerializer's).</summary>
    public const int MutationFormatVersion = MutationSerializer.Version1;

    private readonly LocalReplica _replica;
    private readonly Func<SchemaSnapshot> _schema;
    private readonly ITimeSource _clock;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _replayLock = new(1, 1);

    /// <summary>The log lives on this node's replica; replayed mutations go through its full write path.</summary>
    public BatchlogManager(LocalReplica replica, Func<SchemaSnapshot> schema, ITimeSource clock, ILogger? logger = null)
    {
        _replica = replica;
        _schema = schema;
        _clock = clock;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Entries replayed since start (for tests and metrics).</summary>
    public long ReplayedBatches => Interlocked.Read(ref _replayed);

    private long _replayed;

    /// <summary>Writes a batch's mutations under a fresh time UUID and returns the id; durable per the commit log mode.</summary>
    public async ValueTask<byte[]> StoreAsync(IReadOnlyList<Mutation> mutations, CancellationToken cancellationToken)
    {
        long now = _clock.NowMicros();
        var id = TimeUuid.Create(now);
        var update = new PartitionUpdate(SystemKeyspaces.Batches.Id, Murmur3Partitioner.Decorate(id));
        var cells = new List<Cell>(mutations.Count + 1);
        for (int i = 0; i < mutations.Count; i++)
        {
            // List element paths are time UUIDs in insertion order, as for any CQL list append.
            cells.Add(Cell.Live(BatchesColumns.Mutations, MutationSerializer.Serialize(mutations[i]), now, TimeUuid.Create(now + i)));
        }
        cells.Add(Cell.Live(BatchesColumns.Version, CqlType.Int.Decompose(MutationFormatVersion)!, now));
        update.Add(Row.Create(Clustering.Empty, new LivenessInfo(now, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live, cells));
        await _replica.ApplyAsync(ToMutation(update), cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Removes a batch once all its mutations are applied.</summary>
    public ValueTask RemoveAsync(byte[] id, CancellationToken cancellationToken)
    {
        var update = new PartitionUpdate(SystemKeyspaces.Batches.Id, Murmur3Partitioner.Decorate(id));
        update.DeletePartition(new DeletionTime(_clock.NowMicros(), NowInSeconds()));
        return _replica.ApplyAsync(ToMutation(update), cancellationToken);
    }

    /// <summary>
    /// Replays and removes the entries written at or before <paramref name="olderThanMicros"/> (the time UUID's
    /// timestamp); returns how many batches were replayed.
    /// </summary>
    public async Task<int> ReplayAsync(long olderThanMicros, CancellationToken cancellationToken)
    {
        await _replayLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var read = new PartitionRangeReadCommand(SystemKeyspaces.Batches.Id, null, null, ClusteringIndexFilter.All, DataLimits.None, NowInSeconds());
            int replayed = 0;
            foreach (var partition in _replica.Read(read))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = partition.Key.Key.ToArray();
                if (id.Length != 16 || UuidBytes.UnixMicros(id) > olderThanMicros) continue;
                var row = partition.Rows.Count > 0 ? partition.Rows[0] : null;
                if (row is null) continue;
                var version = row.GetCell(BatchesColumns.Version);
                if (version is not null && !version.IsTombstone && (int)CqlType.Int.Compose(version.Value)! != MutationFormatVersion)
                {
                    _logger.LogWarning("Skipping batch {Id}: unknown mutation format version", UuidBytes.ToGuid(id));
                    continue;
                }
                var schema = _schema();
                var mutations = new List<Mutation>();
                try
                {
                    foreach (var cell in row.Cells)
                    {
                        if (cell.Column != BatchesColumns.Mutations || cell.IsTombstone) continue;
                        // Tables dropped since the batch was logged are skipped, as Cassandra does.
                        var mutation = MutationSerializer.Deserialize(cell.Value, tableId => schema.GetTable(tableId) is not null);
                        if (mutation.Updates.Count > 0) mutations.Add(mutation);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Nothing of an unreadable entry is applied: it stays for an operator to look at.
                    _logger.LogWarning(e, "Skipping unreadable batch {Id} in the batch log", UuidBytes.ToGuid(id));
                    continue;
                }
                foreach (var mutation in mutations)
                    await _replica.ApplyAsync(mutation, cancellationToken).ConfigureAwait(false);
                int mutationCount = mutations.Count;
                await RemoveAsync(id, cancellationToken).ConfigureAwait(false);
                replayed++;
                _logger.LogInformation("Replayed batch {Id} ({Count} mutations) from the batch log", UuidBytes.ToGuid(id), mutationCount);
            }
            Interlocked.Add(ref _replayed, replayed);
            return replayed;
        }
        finally
        {
            _replayLock.Release();
        }
    }

    private int NowInSeconds() => (int)_clock.UtcNow.ToUnixTimeSeconds();

    private static Mutation ToMutation(PartitionUpdate update)
    {
        var mutation = new Mutation(SchemaConstants.System, update.Key);
        mutation.GetOrAdd(update.TableId).MergeFrom(update);
        return mutation;
    }
}

/// <summary>Column names of system.batches.</summary>
internal static class BatchesColumns
{
    public const string Mutations = "mutations";
    public const string Version = "version";
}
