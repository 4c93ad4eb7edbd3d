using System.Text;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Storage.Tests.CommitLog;

/// <summary>Random mutations covering every field the serializer writes, and a structural comparison.</summary>
internal static class MutationFactory
{
    public static readonly Guid TableA = new("0000000a-0000-0000-0000-000000000001");
    public static readonly Guid TableB = new("0000000b-0000-0000-0000-000000000002");

    public static Mutation Random(Random random)
    {
        byte[] key = Bytes(random, random.Next(0, 20));
        var mutation = new Mutation(random.Next(4) == 0 ? "ks_ü" : "ks" + random.Next(3), new DecoratedKey(Murmur3Partitioner.GetToken(key), key));
        int tables = random.Next(1, 3);
        for (int t = 0; t < tables; t++)
        {
            var update = mutation.GetOrAdd(t == 0 ? TableA : TableB);
            if (random.Next(5) == 0) update.DeletePartition(Deletion(random));
            int tombstones = random.Next(0, 3);
            for (int i = 0; i < tombstones; i++)
                update.AddRangeTombstone(new RangeTombstone(
                    new Slice(new ClusteringBound(Values(random, random.Next(0, 3)), random.Next(2) == 0),
                              new ClusteringBound(Values(random, random.Next(0, 3)), random.Next(2) == 0)),
                    Deletion(random)));
            if (random.Next(3) == 0) update.Add(RandomRow(random, Clustering.StaticClustering));
            int rows = random.Next(0, 5);
            for (int i = 0; i < rows; i++)
            {
                var values = Values(random, random.Next(0, 3));
                update.Add(RandomRow(random, values.Length == 0 ? Clustering.Empty : new Clustering(values)));
            }
        }
        return mutation;
    }

    public static Mutation Simple(int key, string value, long timestamp = 1_000, Guid? table = null)
    {
        byte[] k = BitConverter.GetBytes(key);
        var mutation = new Mutation("ks", new DecoratedKey(Murmur3Partitioner.GetToken(k), k));
        mutation.GetOrAdd(table ?? TableA).Add(Row.Create(Clustering.Empty, LivenessInfo.Create(timestamp, 0, 0), DeletionTime.Live,
            [Cell.Live("v", Encoding.UTF8.GetBytes(value), timestamp)]));
        return mutation;
    }

    private static Row RandomRow(Random random, Clustering clustering)
    {
        var liveness = random.Next(3) switch
        {
            0 => LivenessInfo.Empty,
            1 => LivenessInfo.Create(random.NextInt64(), 0, 0),
            _ => LivenessInfo.Create(random.NextInt64(), random.Next(1, 1000), random.Next(1, 100_000)),
        };
        var deletion = random.Next(4) == 0 ? Deletion(random) : DeletionTime.Live;
        int count = random.Next(0, 5);
        var cells = new Cell[count];
        for (int i = 0; i < count; i++)
        {
            string column = "c" + i + (random.Next(5) == 0 ? "é" : "");
            byte[]? path = random.Next(3) == 0 ? Bytes(random, random.Next(0, 6)) : null;
            long ts = random.NextInt64(long.MinValue + 1, long.MaxValue);
            cells[i] = random.Next(3) switch
            {
                0 => new Cell(column, path, Bytes(random, random.Next(0, 40)), ts, LivenessInfo.NoTtl, LivenessInfo.NoExpiration),
                1 => new Cell(column, path, Bytes(random, random.Next(0, 40)), ts, random.Next(1, 1000), random.Next()),
                _ => new Cell(column, path, [], ts, LivenessInfo.NoTtl, random.Next()),
            };
        }
        // Complex deletions of collection columns, sorted by column as rows keep them.
        ComplexDeletion[] complex = random.Next(3) == 0
            ? [.. Enumerable.Range(0, random.Next(1, 3)).Select(i => new ComplexDeletion("c" + i + (i == 1 ? "é" : ""), Deletion(random)))]
            : [];
        return new Row(clustering, liveness, deletion, cells, complex);
    }

    private static DeletionTime Deletion(Random random) => new(random.NextInt64(long.MinValue + 1, long.MaxValue), random.Next());

    private static byte[][] Values(Random random, int n)
    {
        var values = new byte[n][];
        for (int i = 0; i < n; i++) values[i] = Bytes(random, random.Next(0, 9));
        return values;
    }

    private static byte[] Bytes(Random random, int n)
    {
        var b = new byte[n];
        random.NextBytes(b);
        return b;
    }

    /// <summary>Asserts two mutations hold exactly the same data, field by field.</summary>
    public static void AssertEqual(Mutation expected, Mutation actual)
    {
        Assert.Equal(expected.Keyspace, actual.Keyspace);
        Assert.Equal(expected.Key, actual.Key);
        Assert.Equal(expected.Key.Token, actual.Key.Token);
        var e = expected.Updates.ToList();
        var a = actual.Updates.ToList();
        Assert.Equal(e.Count, a.Count);
        for (int u = 0; u < e.Count; u++)
        {
            Assert.Equal(e[u].TableId, a[u].TableId);
            Assert.Equal(e[u].PartitionDeletion, a[u].PartitionDeletion);
            Assert.Equal(e[u].RangeTombstones.Count, a[u].RangeTombstones.Count);
            for (int i = 0; i < e[u].RangeTombstones.Count; i++)
            {
                var x = e[u].RangeTombstones[i];
                var y = a[u].RangeTombstones[i];
                Assert.Equal(x.Deletion, y.Deletion);
                AssertBound(x.Slice.Start, y.Slice.Start);
                AssertBound(x.Slice.End, y.Slice.End);
            }
            Assert.Equal(e[u].StaticRow is null, a[u].StaticRow is null);
            if (e[u].StaticRow is { } s) AssertRow(s, a[u].StaticRow!);
            Assert.Equal(e[u].Rows.Count, a[u].Rows.Count);
            for (int i = 0; i < e[u].Rows.Count; i++) AssertRow(e[u].Rows[i], a[u].Rows[i]);
        }
    }

    private static void AssertBound(ClusteringBound x, ClusteringBound y)
    {
        Assert.Equal(x.Inclusive, y.Inclusive);
        AssertValues(x.Prefix, y.Prefix);
    }

    private static void AssertValues(byte[][] x, byte[][] y)
    {
        Assert.Equal(x.Length, y.Length);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i], y[i]);
    }

    private static void AssertRow(Row x, Row y)
    {
        Assert.Equal(x.IsStatic, y.IsStatic);
        AssertValues(x.Clustering.Values, y.Clustering.Values);
        Assert.Equal(x.PrimaryKeyLiveness, y.PrimaryKeyLiveness);
        Assert.Equal(x.Deletion, y.Deletion);
        Assert.Equal(x.ComplexDeletions, y.ComplexDeletions);
        Assert.Equal(x.Cells.Length, y.Cells.Length);
        for (int i = 0; i < x.Cells.Length; i++)
        {
            var c = x.Cells[i];
            var d = y.Cells[i];
            Assert.Equal(c.Column, d.Column);
            Assert.Equal(c.Path, d.Path);
            Assert.Equal(c.Value, d.Value);
            Assert.Equal(c.Timestamp, d.Timestamp);
            Assert.Equal(c.Ttl, d.Ttl);
            Assert.Equal(c.LocalDeletionTime, d.LocalDeletionTime);
        }
    }
}
