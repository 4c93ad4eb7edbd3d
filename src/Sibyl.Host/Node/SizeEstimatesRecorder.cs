using System.Text;
using Microsoft.Extensions.Logging;
using Sibyl.Admin;
using Sibyl.Cluster;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Host.Lifecycle;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;
using Sibyl.Storage.SSTables;

namespace Sibyl.Host.Node;

/// <summary>
/// Cassandra's SizeEstimatesRecorder: for every table of every keyspace not using LocalStrategy, and every primary
/// token range of this node, an estimate of the partitions the SSTables hold in the range and their mean size,
/// written to system.size_estimates (one partition per keyspace, a row per table and range). Memtables are not
/// counted, as in Cassandra. Runs every <see cref="Interval"/> and on "nodetool refreshsizeestimates".
/// Partitions in a range are estimated from each SSTable's partition count, assuming its tokens spread evenly
/// between its first and last key (Murmur3 tokens are uniform); Cassandra samples its index summary instead.
/// </summary>
public sealed class SizeEstimatesRecorder(SchemaManager schema, StorageEngine store, Func<TokenRing> ring, ILogger logger) : INodeService
{
    /// <summary>Cassandra's default size_estimates update interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _running = new(1, 1);
    private CancellationTokenSource? _stop;
    private Task? _loop;

    public string Name => "size-estimates";

    public void Register(AdminServer server) => server.Register("refreshsizeestimates", async request =>
    {
        await RecordAsync(request.CancellationToken).ConfigureAwait(false);
        return "";
    });

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, stop).ConfigureAwait(false);
                try
                {
                    await RecordAsync(stop).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Recording size estimates failed; retrying in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop is null || _loop is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
        _loop = null;
    }

    /// <summary>Replaces every keyspace's estimates with fresh ones, and removes those of keyspaces that are gone.</summary>
    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = schema.Current;
            var table = current.GetTable(SchemaConstants.System, SystemKeyspaces.SizeEstimates.Name) ?? SystemKeyspaces.SizeEstimates;
            var ranges = PrimaryRanges(ring());
            long timestamp = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks / 10;
            int now = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var recorded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var keyspace in current.Keyspaces.Values)
            {
                if (keyspace.IsVirtual || keyspace.Replication.StrategyClass == ReplicationParams.LocalStrategy) continue;
                recorded.Add(keyspace.Name);
                var update = new PartitionUpdate(table.Id, KeyOf(keyspace.Name));
                // The keyspace's previous estimates go (dropped tables included), replaced by these.
                update.DeletePartition(new DeletionTime(timestamp - 1, now));
                foreach (var t in keyspace.Tables.Values)
                {
                    if (store.FindTableStore(t.Id) is not { } tableStore) continue;
                    var sstables = tableStore.LiveSSTables.Select(s => s.Statistics).ToList();
                    foreach (var (start, end) in ranges)
                    {
                        var (partitions, meanSize) = Estimate(sstables, start, end);
                        update.Add(Row.Create(new Clustering([Utf8(t.Name), Utf8(start.ToString()), Utf8(end.ToString())]),
                            new LivenessInfo(timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live,
                            [Cell.Live("partitions_count", CqlType.BigInt.Decompose(partitions), timestamp),
                             Cell.Live("mean_partition_size", CqlType.BigInt.Decompose(meanSize), timestamp)]));
                    }
                }
                await ApplyAsync(update, cancellationToken).ConfigureAwait(false);
            }
            foreach (var gone in RecordedKeyspaces(table, now).Where(k => !recorded.Contains(k)))
            {
                var deletion = new PartitionUpdate(table.Id, KeyOf(gone));
                deletion.DeletePartition(new DeletionTime(timestamp, now));
                await ApplyAsync(deletion, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _running.Release();
        }
    }

    private ValueTask ApplyAsync(PartitionUpdate update, CancellationToken cancellationToken)
    {
        var mutation = new Mutation(SchemaConstants.System, update.Key);
        mutation.GetOrAdd(update.TableId).MergeFrom(update);
        return store.ApplyAsync(mutation, cancellationToken);
    }

    private IEnumerable<string> RecordedKeyspaces(TableMetadata table, int now)
    {
        var read = store.Read(new PartitionRangeReadCommand(table.Id, null, null, ClusteringIndexFilter.All, new DataLimits(DataLimits.NoLimit, 1), now));
        return read.Select(p => Encoding.UTF8.GetString(p.Key.Key));
    }

    private static DecoratedKey KeyOf(string keyspace) => Murmur3Partitioner.Decorate(Utf8(keyspace));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>This node's primary ranges: (previous ring token, own token] for each of its tokens; one token alone owns the whole ring.</summary>
    public static List<(Token Start, Token End)> PrimaryRanges(TokenRing ring)
    {
        var all = ring.Nodes.SelectMany(ring.TokensOf).Distinct().Order().ToList();
        var result = new List<(Token, Token)>();
        foreach (var token in ring.TokensOf(ring.Local).Order())
        {
            int i = all.IndexOf(token);
            result.Add((all[(i - 1 + all.Count) % all.Count], token));
        }
        return result;
    }

    /// <summary>
    /// Partitions in the range (start, end] (wrapping when start ≥ end) and the mean partition size of the
    /// SSTables that overlap it, as Cassandra's computeSizeEstimates sums them per SSTable.
    /// </summary>
    public static (long Partitions, long MeanPartitionSize) Estimate(IReadOnlyList<SSTableStatistics> sstables, Token start, Token end)
    {
        double partitions = 0;
        long bytes = 0, counted = 0;
        foreach (var s in sstables)
        {
            if (s.PartitionCount <= 0) continue;
            double fraction = start < end
                ? Overlap(s, start.Value, end.Value)
                : Overlap(s, start.Value, long.MaxValue) + Overlap(s, long.MinValue, end.Value);
            if (fraction <= 0) continue;
            partitions += fraction * s.PartitionCount;
            bytes += s.UncompressedSize;
            counted += s.PartitionCount;
        }
        return ((long)Math.Round(partitions), counted > 0 ? bytes / counted : 0);
    }

    /// <summary>The share of an SSTable's partitions whose tokens fall in (start, end], tokens spread evenly between its first and last key.</summary>
    private static double Overlap(SSTableStatistics s, long start, long end)
    {
        long first = s.FirstKey.Token.Value, last = s.LastKey.Token.Value;
        if (first == last) return first > start && first <= end ? 1 : 0;
        double lo = Math.Max((double)first, (double)start), hi = Math.Min((double)last, (double)end);
        return hi <= lo ? 0 : (hi - lo) / ((double)last - first);
    }
}
