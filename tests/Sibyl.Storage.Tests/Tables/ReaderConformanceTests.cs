using System.Text;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Storage.Memtables;
using Sibyl.Storage.Tables;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests.Tables;

/// <summary>
/// One conformance suite for every reader: for seeded random mutation sequences, the memtable alone, SSTables
/// alone, mixes of SSTables and memtables after flushes, and the same after compactions (which turn expired
/// cells into tombstones) all give what a client would observe from a single memtable.
/// </summary>
public sealed class ReaderConformanceTests
{
    private const int CompactionNow = Now + 50;
    private static readonly int[] ReadTimes = [CompactionNow, Now + 200];

    private static PartitionUpdate RandomOp(Random random)
    {
        int kind = random.Next(9), pk = random.Next(4), ck = random.Next(30), value = random.Next(4);
        long ts = 1 + random.Next(20);
        int ttl = 1 + random.Next(150);
        var update = UpdateOf(pk);
        switch (kind)
        {
            case 0 or 1: update.Add(Insert(Ck(ck), value, ts)); break;
            case 2: update.Add(Update(Ck(ck), value, ts)); break;
            case 3: update.Add(DeleteRow(Ck(ck), ts)); break;
            case 4: update.Add(Row.Create(Ck(ck), LivenessInfo.Empty, DeletionTime.Live, [Cell.Tombstone("v", ts, Now)])); break;
            case 5:
                update.Add(Row.Create(Ck(ck), LivenessInfo.Create(ts, ttl, Now), DeletionTime.Live,
                    [Cell.Expiring("v", I(value), ts, ttl, Now), Cell.Live("w", I(value), ts)]));
                break;
            case 6:
                int other = random.Next(30);
                var (lo, hi) = ck <= other ? (ck, other) : (other, ck);
                update.AddRangeTombstone(new RangeTombstone(SliceOf(Bound(random.Next(2) == 0, lo), Bound(random.Next(2) == 0, hi)), new DeletionTime(ts, Now)));
                break;
            case 7: if (random.Next(4) == 0) update.DeletePartition(new DeletionTime(ts, Now)); else update.Add(Insert(Ck(ck), value, ts)); break;
            default: update.Add(Static(value, ts)); break;
        }
        return update;
    }

    private static readonly ClusteringIndexFilter[] Filters =
    [
        ClusteringIndexFilter.All,
        Filter(true, Slice.All),
        Filter(false, SliceOf(Bound(true, 3), Bound(false, 17))),
        Filter(true, SliceOf(Bound(false, 0), Bound(true, 8)), SliceOf(Bound(true, 20), ClusteringBound.Top)),
    ];

    private static IEnumerable<ReadCommand> Reads(int now)
    {
        foreach (var filter in Filters)
        {
            foreach (int limit in new[] { DataLimits.NoLimit, 3 })
            {
                for (int pk = 0; pk < 5; pk++) yield return ReadPartition(pk, filter, limit, now);
                yield return new PartitionRangeReadCommand(TableId, null, null, filter, new DataLimits(limit, DataLimits.NoLimit), now);
                yield return new PartitionRangeReadCommand(TableId, null, null, filter, new DataLimits(limit * 2 > 0 ? limit : limit, 2), now);
            }
        }
        // Paging resumes inside partition 1 after clustering 10.
        var key = Key(1);
        yield return new PartitionRangeReadCommand(TableId, new PartitionPosition(key.Token, key.Key, true), null, ClusteringIndexFilter.All,
            new DataLimits(7, DataLimits.NoLimit), now, Filter(false, SliceOf(Bound(false, 10), ClusteringBound.Top)));
        yield return new PartitionRangeReadCommand(TableId, PartitionPosition.AtToken(key.Token, false), null, ClusteringIndexFilter.All, DataLimits.None, now);
    }

    /// <summary>Everything a client could observe: keys, live rows with live cells (value and write time), static rows.</summary>
    internal static string Observe(IReadOnlyList<PartitionData> partitions, int now)
    {
        var sb = new StringBuilder();
        foreach (var p in partitions)
        {
            sb.Append("pk=").Append(PkOf(p));
            if (p.StaticRow is { } s && s.HasLiveData(now)) sb.Append(" static[").Append(Cells(s, now)).Append(']');
            foreach (var row in p.Rows)
            {
                sb.Append(" (").Append(string.Join(":", row.Clustering.Values.Select(v => (int)CqlType.Int.Compose(v)!)));
                sb.Append(row.PrimaryKeyLiveness.IsLive(now) ? " pk" : "").Append(' ').Append(Cells(row, now)).Append(')');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Cells(Row row, int now) =>
        string.Join(",", row.Cells.Where(c => c.IsLive(now)).Select(c => $"{c.Column}={Convert.ToHexString(c.Value)}@{c.Timestamp}"));

    private static List<string> ObserveAll(Func<ReadCommand, IReadOnlyList<PartitionData>> read) =>
        [.. ReadTimes.SelectMany(now => Reads(now).Select(command => Observe(read(command), now)))];

    public enum Layout
    {
        MemtableOnly,
        SSTablesOnly,
        FlushEveryFewWrites,
        FlushedThenCompacted,
        CompactedWithMemtableTail,
        LeveledBackground,
        Uncompressed,
    }

    [Theory]
    [InlineData(Layout.MemtableOnly, 1)]
    [InlineData(Layout.SSTablesOnly, 2)]
    [InlineData(Layout.FlushEveryFewWrites, 3)]
    [InlineData(Layout.FlushedThenCompacted, 4)]
    [InlineData(Layout.CompactedWithMemtableTail, 5)]
    [InlineData(Layout.LeveledBackground, 6)]
    [InlineData(Layout.Uncompressed, 7)]
    [InlineData(Layout.FlushedThenCompacted, 8)]
    [InlineData(Layout.CompactedWithMemtableTail, 9)]
    public async Task EveryLayoutReadsLikeOneMemtable(Layout layout, int seed)
    {
        var random = new Random(seed);
        var ops = Enumerable.Range(0, 400).Select(_ => RandomOp(random)).ToList();

        var reference = new Memtable(Comparator(false));
        foreach (var op in ops) reference.Apply(op);
        var expected = ObserveAll(reference.Read);

        using var dir = new TempDirectory();
        var compression = layout == Layout.Uncompressed
            ? new Dictionary<string, string> { ["class"] = "NoopCompressor" }
            : new Dictionary<string, string> { ["class"] = "LZ4Compressor", ["chunk_length_in_kb"] = "1" };
        var compaction = layout == Layout.LeveledBackground
            ? new Dictionary<string, string> { ["class"] = "LeveledCompactionStrategy", ["sstable_size_in_mb"] = "1" }
            : new Dictionary<string, string> { ["class"] = "SizeTieredCompactionStrategy", ["min_threshold"] = "3" };
        var options = TableStoreOptions.Default with { Time = new FixedTime(CompactionNow), Compression = compression, Compaction = compaction };
        await using var store = new TableStore("ks", "t", TableId, Comparator(false), options, dir.Path)
        {
            AutoCompactionEnabled = layout == Layout.LeveledBackground,
        };
        for (int i = 0; i < ops.Count; i++)
        {
            store.Apply(ops[i], new CommitLogPosition(1, i));
            bool flush = layout switch
            {
                Layout.SSTablesOnly => i == ops.Count - 1,
                Layout.MemtableOnly => false,
                Layout.CompactedWithMemtableTail => i % 37 == 36 && i < 300,
                _ => i % 23 == 22,
            };
            if (flush) await store.FlushAsync();
            if (layout == Layout.CompactedWithMemtableTail && i == 200) await store.CompactAsync();
        }
        if (layout is Layout.FlushedThenCompacted) await store.CompactAsync();
        if (layout == Layout.LeveledBackground)
        {
            await store.FlushAsync();
            await store.CompactAsync();
        }
        if (layout == Layout.SSTablesOnly) Assert.Equal(0, store.MemtableDataSize);
        if (layout == Layout.FlushedThenCompacted) Assert.Single(store.LiveSSTables);

        var actual = ObserveAll(command => store.Read(command));
        for (int i = 0; i < expected.Count; i++)
            Assert.True(expected[i] == actual[i], $"read {i} differs\nexpected:\n{expected[i]}\nactual:\n{actual[i]}");
    }

    [Fact]
    public async Task ReopenedStoreReadsTheSame()
    {
        var random = new Random(42);
        var ops = Enumerable.Range(0, 300).Select(_ => RandomOp(random)).ToList();
        using var dir = new TempDirectory();
        var options = TableStoreOptions.Default with { Time = new FixedTime(CompactionNow) };
        List<string> before;
        await using (var store = new TableStore("ks", "t", TableId, Comparator(false), options, dir.Path))
        {
            for (int i = 0; i < ops.Count; i++)
            {
                store.Apply(ops[i], new CommitLogPosition(1, i));
                if (i % 50 == 49) await store.FlushAsync();
            }
            await store.FlushAsync();
            before = ObserveAll(command => store.Read(command));
        }
        await using var reopened = new TableStore("ks", "t", TableId, Comparator(false), options, dir.Path);
        Assert.NotEmpty(reopened.LiveSSTables);
        Assert.Equal(before, ObserveAll(command => reopened.Read(command)));
    }
}
