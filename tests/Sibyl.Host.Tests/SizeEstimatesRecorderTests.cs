using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Cluster;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Host.Node;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.SSTables;

namespace Sibyl.Host.Tests;

/// <summary>system.size_estimates: per primary range partition counts and mean sizes from SSTable statistics.</summary>
public sealed class SizeEstimatesRecorderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sibyl-estimates-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static SSTableStatistics Stats(long first, long last, long partitions, long size) => new()
    {
        FirstKey = new DecoratedKey(new Token(first), [1]),
        LastKey = new DecoratedKey(new Token(last), [2]),
        PartitionCount = partitions,
        UncompressedSize = size,
    };

    private static TokenRing Ring(params long[] tokens)
    {
        var local = new NodeEndpoint(Guid.NewGuid(), IPAddress.Loopback, "datacenter1", "rack1");
        return new TokenRing(local, tokens.Select(t => (new Token(t), local)));
    }

    [Fact]
    public void PrimaryRangesEndAtEachOwnTokenAndTheFirstWraps()
    {
        var ranges = SizeEstimatesRecorder.PrimaryRanges(Ring(100, -50, 0));
        Assert.Equal([(new Token(100), new Token(-50)), (new Token(-50), new Token(0)), (new Token(0), new Token(100))], ranges);
        Assert.Equal([(new Token(7), new Token(7))], SizeEstimatesRecorder.PrimaryRanges(Ring(7)));
    }

    [Fact]
    public void EstimatesSpreadEachSSTableEvenlyBetweenItsFirstAndLastToken()
    {
        SSTableStatistics[] sstables = [Stats(-1000, 1000, 2000, 200_000), Stats(0, 1000, 500, 100_000)];
        Assert.Equal((1000L, 100L), SizeEstimatesRecorder.Estimate(sstables[..1], new Token(-1000), new Token(0)));
        Assert.Equal((1000L + 500, 120L), SizeEstimatesRecorder.Estimate(sstables, new Token(0), new Token(1000)));
        Assert.Equal((0L, 0L), SizeEstimatesRecorder.Estimate(sstables, new Token(2000), new Token(3000)));
        // A wrapping range (2000, -500] holds the SSTable's first quarter; (t, t] is the whole ring.
        Assert.Equal(500L, SizeEstimatesRecorder.Estimate(sstables[..1], new Token(2000), new Token(-500)).Partitions);
        Assert.Equal(2500L, SizeEstimatesRecorder.Estimate(sstables, new Token(5), new Token(5)).Partitions);
        Assert.Equal(1L, SizeEstimatesRecorder.Estimate([Stats(10, 10, 1, 50)], new Token(0), new Token(10)).Partitions);
    }

    [Fact]
    public async Task RecordsFlushedPartitionsPerRangeAndReplacesOldEstimates()
    {
        var table = new TableMetadata("ks", "t", Guid.NewGuid(),
            [new ColumnMetadata("k", CqlType.Int, ColumnKind.PartitionKey, 0, ClusteringOrder.None)], TableParams.Default);
        var replication = new ReplicationParams(ReplicationParams.SimpleStrategy, new Dictionary<string, string> { ["replication_factor"] = "1" });
        var schema = new SchemaManager(SystemKeyspaces.InitialSchema().With(KeyspaceMetadata.Create("ks", replication, true).WithTable(table), "test"));
        await using var store = new StorageEngine(new CommitLogOptions { Directory = Path.Combine(_dir, "commitlog") }, Path.Combine(_dir, "data"), NullLoggerFactory.Instance);
        foreach (var ks in schema.Current.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                store.CreateTable(t.Id, t.Comparator, true, ks.Name, t.Name, Storage.Tables.TableStoreOptions.FromTableParams(t.Params.Compaction, t.Params.Compression, t.Params.BloomFilterFpChance, t.Params.GcGraceSeconds, t.Params.MinIndexInterval));
        await store.StartAsync();
        for (int k = 0; k < 2000; k++)
        {
            var key = Murmur3Partitioner.Decorate(CqlType.Int.Decompose(k));
            var mutation = new Mutation("ks", key);
            mutation.GetOrAdd(table.Id).Add(Row.Create(Clustering.Empty, new LivenessInfo(1, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live, []));
            await store.ApplyAsync(mutation);
        }
        var ring = Ring(-6_000_000_000_000_000_000, -1, 3_000_000_000_000_000_000, 8_000_000_000_000_000_000);
        var recorder = new SizeEstimatesRecorder(schema, store, () => ring, NullLogger.Instance);

        await recorder.RecordAsync(CancellationToken.None);
        Assert.Equal(4, Rows(store).Count(r => r.Table == "t"));
        Assert.All(Rows(store).Where(r => r.Table == "t"), r => Assert.Equal(0, r.Partitions)); // memtables are not counted

        await store.FlushAsync(table.Id);
        await recorder.RecordAsync(CancellationToken.None);
        var rows = Rows(store).Where(r => r.Table == "t").ToList();
        Assert.Equal(4, rows.Count);
        Assert.InRange(rows.Sum(r => r.Partitions), 1900, 2100);
        Assert.All(rows, r => Assert.InRange(r.Partitions, 200, 1200));
        Assert.Contains(rows, r => r.Start == "8000000000000000000" && r.End == "-6000000000000000000");
        // The replicated system keyspace is recorded too; LocalStrategy ones are not.
        Assert.Contains(Rows(store), r => r.Keyspace == "system_distributed");
        Assert.DoesNotContain(Rows(store), r => r.Keyspace == "system");
    }

    private static List<(string Keyspace, string Table, string Start, string End, long Partitions)> Rows(StorageEngine store)
    {
        var now = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var result = new List<(string, string, string, string, long)>();
        foreach (var p in store.Read(new PartitionRangeReadCommand(SystemKeyspaces.SizeEstimates.Id, null, null, ClusteringIndexFilter.All, DataLimits.None, now)))
        {
            foreach (var row in p.Rows)
            {
                string Text(int i) => Encoding.UTF8.GetString(row.Clustering.Values[i]!);
                long count = (long)CqlType.BigInt.Compose(row.Cells.First(c => c.Column == "partitions_count").Value)!;
                result.Add((Encoding.UTF8.GetString(p.Key.Key), Text(0), Text(1), Text(2), count));
            }
        }
        return result;
    }
}
