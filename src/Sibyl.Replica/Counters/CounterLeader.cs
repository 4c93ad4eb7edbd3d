using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage;

namespace Sibyl.Replica.Counters;

/// <summary>
/// The leader side of a counter write (Cassandra's CounterMutation.applyCounterMutation): under the partition's
/// lock stripe it reads this node's current shard of every counter the mutation increments, adds the delta and
/// writes the new shard (this node's host id as counter id, a higher clock, the new running count) through the
/// ordinary mutation path. The result is a plain mutation of shard contexts that any replica can apply and
/// merge (<see cref="CounterContext.Merge"/>); in a cluster the leader forwards it to the other replicas.
/// Everything else in the mutation (deletions of counter rows and columns) passes through unchanged.
/// </summary>
public sealed class CounterLeader
{
    /// <summary>Cassandra sizes its stripes as 1024 per concurrent counter writer; one set is enough here.</summary>
    public const int DefaultStripes = 1024;

    private readonly IReplicaStore _store;
    private readonly Func<Guid> _counterId;
    private readonly StripedLocks _locks;

    public CounterLeader(IReplicaStore store, Func<Guid> counterId, int stripes = DefaultStripes)
    {
        _store = store;
        _counterId = counterId;
        _locks = new StripedLocks(stripes);
    }

    /// <summary>Applies a mutation whose counter cells hold update contexts; returns the mutation written.</summary>
    public async ValueTask<Mutation> ApplyAsync(Mutation mutation, int nowInSeconds, CancellationToken cancellationToken)
    {
        using var stripe = await _locks.AcquireAsync(mutation.Key, cancellationToken).ConfigureAwait(false);
        var applied = new Mutation(mutation.Keyspace, mutation.Key);
        foreach (var update in mutation.Updates)
            Resolve(update, applied.GetOrAdd(update.TableId), nowInSeconds);
        await _store.ApplyAsync(applied, cancellationToken).ConfigureAwait(false);
        return applied;
    }

    private void Resolve(PartitionUpdate update, PartitionUpdate target, int nowInSeconds)
    {
        var counterId = _counterId();
        if (!update.PartitionDeletion.IsLive) target.DeletePartition(update.PartitionDeletion);
        foreach (var tombstone in update.RangeTombstones) target.AddRangeTombstone(tombstone);

        // A batch may name the same row several times: one row per clustering, so each counter is read once.
        var rows = new List<Row>();
        var byClustering = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in update.Rows)
        {
            string key = ClusteringKey(row.Clustering);
            if (byClustering.TryGetValue(key, out int index)) rows[index] = Row.Merge(rows[index], row);
            else
            {
                byClustering[key] = rows.Count;
                rows.Add(row);
            }
        }

        Row? currentStatic = null;
        bool staticRead = false;
        foreach (var row in rows)
        {
            if (!HasUpdates(row))
            {
                target.Add(row);
                continue;
            }
            var current = Read(update.TableId, update.Key, [Slice.ForPrefix(row.Clustering.Values)], nowInSeconds);
            if (!staticRead)
            {
                currentStatic = current?.StaticRow;
                staticRead = true;
            }
            var currentRow = current?.Rows.FirstOrDefault(r => SameClustering(r.Clustering, row.Clustering));
            target.Add(Apply(row, currentRow, counterId, nowInSeconds));
        }
        if (update.StaticRow is { } staticRow)
        {
            if (HasUpdates(staticRow) && !staticRead)
                currentStatic = Read(update.TableId, update.Key, [], nowInSeconds)?.StaticRow;
            target.Add(HasUpdates(staticRow) ? Apply(staticRow, currentStatic, counterId, nowInSeconds) : staticRow);
        }
    }

    private PartitionData? Read(Guid tableId, DecoratedKey key, IReadOnlyList<Slice> slices, int nowInSeconds)
    {
        var command = new SinglePartitionReadCommand(tableId, key, new ClusteringIndexFilter(slices, false), DataLimits.None, nowInSeconds);
        var result = _store.Read(command);
        return result.Count == 0 ? null : result[0];
    }

    private static bool HasUpdates(Row row)
    {
        foreach (var cell in row.Cells)
            if (!cell.IsTombstone && CounterContext.IsUpdate(cell.Value)) return true;
        return false;
    }

    /// <summary>
    /// Turns each update cell into this node's next shard. The clock is at least the write's timestamp, so a shard
    /// written after a row or partition deletion supersedes any older shard the deletion hides from this read.
    /// </summary>
    internal static Row Apply(Row row, Row? current, Guid counterId, int nowInSeconds)
    {
        var cells = new List<Cell>(row.Cells.Length);
        foreach (var cell in row.Cells)
        {
            if (cell.IsTombstone || !CounterContext.IsUpdate(cell.Value))
            {
                cells.Add(cell);
                continue;
            }
            long delta = CounterContext.UpdateDelta(cell.Value);
            var (clock, count) = LocalShard(current?.GetCell(cell.Column), counterId, nowInSeconds);
            long nextClock = Math.Max(clock + 1, cell.Timestamp);
            var value = CounterContext.Create(counterId, nextClock, unchecked(count + delta));
            cells.Add(new Cell(cell.Column, cell.Path, value, cell.Timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration));
        }
        return Row.Create(row.Clustering, row.PrimaryKeyLiveness, row.Deletion, cells);
    }

    private static (long Clock, long Count) LocalShard(Cell? current, Guid counterId, int nowInSeconds)
    {
        if (current is null || current.IsTombstone || !current.IsLive(nowInSeconds)) return (0, 0);
        return CounterContext.FindShard(current.Value, counterId) is { } shard ? (shard.Clock, shard.Count) : (0, 0);
    }

    private static bool SameClustering(Clustering a, Clustering b)
    {
        if (a.Size != b.Size) return false;
        for (int i = 0; i < a.Size; i++)
            if (!a[i].AsSpan().SequenceEqual(b[i])) return false;
        return true;
    }

    private static string ClusteringKey(Clustering clustering)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var value in clustering.Values) sb.Append(value.Length).Append(':').Append(Convert.ToHexString(value)).Append(';');
        return sb.ToString();
    }
}
