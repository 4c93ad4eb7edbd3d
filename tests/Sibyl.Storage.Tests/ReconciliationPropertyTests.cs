using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Sibyl.Data.Model;
using Sibyl.Data.Types;
using static Sibyl.Storage.Tests.TestData;

namespace Sibyl.Storage.Tests;

/// <summary>
/// Reconciliation makes the store order-free: the same mutations applied in any order, or applied twice,
/// give the same reads. Operations are drawn from small key, clustering, value and timestamp domains so that
/// ties (equal timestamps, equal values, overlapping deletions) are frequent.
/// </summary>
public abstract class ReconciliationPropertyTests
{
    protected abstract IStoreUnderTest Create(ClusteringComparator comparator);

    private const int IntsPerOp = 7;

    private static Config Seeded(ulong seed) =>
        Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(100)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    /// <summary>Decodes one operation from seven generated ints.</summary>
    private static PartitionUpdate Op(ReadOnlySpan<int> x)
    {
        int kind = Math.Abs(x[0] % 8), pk = Math.Abs(x[1] % 3), ck = Math.Abs(x[2] % 6), value = Math.Abs(x[3] % 3);
        long ts = 1 + Math.Abs(x[4] % 12);
        int ttl = 1 + Math.Abs(x[5] % 100);
        int other = Math.Abs(x[6] % 6);
        var update = UpdateOf(pk);
        switch (kind)
        {
            case 0: update.Add(Insert(Ck(ck), value, ts)); break;
            case 1: update.Add(Update(Ck(ck), value, ts)); break;
            case 2: update.Add(DeleteRow(Ck(ck), ts)); break;
            case 3: update.Add(Row.Create(Ck(ck), LivenessInfo.Empty, DeletionTime.Live, [Cell.Tombstone("v", ts, Now)])); break;
            case 4:
                // Expiring INSERT; some TTLs run out before the second read time.
                update.Add(Row.Create(Ck(ck), LivenessInfo.Create(ts, ttl, Now), DeletionTime.Live,
                    [Cell.Expiring("v", I(value), ts, ttl, Now), Cell.Live("w", I(value), ts)]));
                break;
            case 5:
                var (lo, hi) = ck <= other ? (ck, other) : (other, ck);
                update.AddRangeTombstone(new RangeTombstone(
                    SliceOf(Bound((x[3] & 1) == 0, lo), Bound((x[5] & 1) == 0, hi)), new DeletionTime(ts, Now)));
                break;
            case 6: update.DeletePartition(new DeletionTime(ts, Now)); break;
            default: update.Add(Static(value, ts)); break;
        }
        return update;
    }

    private static List<PartitionUpdate> Ops(int[] ints)
    {
        var ops = new List<PartitionUpdate>();
        for (int i = 0; i + IntsPerOp <= ints.Length; i += IntsPerOp)
            ops.Add(Op(ints.AsSpan(i, IntsPerOp)));
        return ops;
    }

    private IStoreUnderTest Apply(IEnumerable<PartitionUpdate> ops)
    {
        var store = Create(Comparator(false));
        foreach (var op in ops) store.Apply(op);
        return store;
    }

    private static readonly ClusteringIndexFilter[] Filters =
    [
        ClusteringIndexFilter.All,
        Filter(true, Slice.All),
        Filter(false, SliceOf(Bound(true, 1), Bound(false, 4))),
        Filter(true, SliceOf(Bound(false, 0), Bound(true, 2)), SliceOf(Bound(true, 4), ClusteringBound.Top)),
    ];

    /// <summary>Everything a client could observe: rows, live cells with values and write times, static rows.</summary>
    private static string Observe(IStoreUnderTest store)
    {
        var sb = new StringBuilder();
        foreach (int now in new[] { Now, Now + 50 })
        {
            foreach (var filter in Filters)
                foreach (int limit in new[] { DataLimits.NoLimit, 2 })
                {
                    for (int pk = 0; pk < 3; pk++)
                        foreach (var partition in store.Read(ReadPartition(pk, filter, limit, now)))
                            Render(sb, partition, now);
                    var range = new PartitionRangeReadCommand(TableId, null, null, filter, new DataLimits(limit == 2 ? 5 : limit, limit), now);
                    sb.Append("| ");
                    foreach (var partition in store.Read(range)) Render(sb, partition, now);
                    sb.Append('\n');
                }
        }
        return sb.ToString();
    }

    private static void Render(StringBuilder sb, PartitionData partition, int now)
    {
        sb.Append(PkOf(partition)).Append('{');
        if (partition.StaticRow is { } s) RenderCells(sb.Append("S:"), s, now);
        foreach (var row in partition.Rows)
        {
            sb.Append(CqlType.Int.Compose(row.Clustering[0])).Append(row.PrimaryKeyLiveness.IsLive(now) ? "+" : "-").Append('(');
            RenderCells(sb, row, now);
            sb.Append(')');
        }
        sb.Append("} ");
    }

    private static void RenderCells(StringBuilder sb, Row row, int now)
    {
        foreach (var cell in row.Cells)
            if (cell.IsLive(now))
                sb.Append(cell.Column).Append('=').Append(CqlType.Int.Compose(cell.Value)).Append('@').Append(cell.Timestamp).Append(' ');
    }

    private static List<T> Shuffle<T>(IReadOnlyList<T> items, int seed)
    {
        var copy = items.ToList();
        var random = new Random(seed);
        for (int i = copy.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }
        return copy;
    }

    [Fact]
    public void AnyApplicationOrderGivesTheSameReads() =>
        Prop.ForAll<int[], int>((ints, seed) =>
            {
                var ops = Ops(ints);
                string expected = Observe(Apply(ops));
                return Observe(Apply(Enumerable.Reverse(ops))) == expected
                       && Observe(Apply(Shuffle(ops, seed))) == expected;
            })
            .Check(Seeded(11));

    [Fact]
    public void ApplyingEverythingTwiceChangesNothing() =>
        Prop.ForAll<int[]>(ints =>
            {
                var ops = Ops(ints);
                return Observe(Apply(ops.Concat(ops))) == Observe(Apply(ops));
            })
            .Check(Seeded(12));

    [Fact]
    public void OneUpdateHoldingEveryChangeReadsLikeSeparateUpdates() =>
        Prop.ForAll<int[]>(ints =>
            {
                var ops = Ops(ints);
                var separate = Apply(ops);
                var combined = Create(Comparator(false));
                foreach (var group in ops.GroupBy(op => PkOf(new PartitionData(op.Key, DeletionTime.Live, null, []))))
                {
                    var merged = UpdateOf(group.Key);
                    foreach (var op in group)
                    {
                        merged.DeletePartition(op.PartitionDeletion);
                        foreach (var rt in op.RangeTombstones) merged.AddRangeTombstone(rt);
                        if (op.StaticRow is not null) merged.Add(op.StaticRow);
                        foreach (var row in op.Rows) merged.Add(row);
                    }
                    combined.Apply(merged);
                }
                return Observe(combined) == Observe(separate);
            })
            .Check(Seeded(13));

    [Fact]
    public void GeneratorProducesEveryKindOfOperation()
    {
        // Guards the property tests against a generator that silently stops exercising deletions.
        var kinds = new HashSet<string>();
        for (int k = 0; k < 8; k++)
        {
            var op = Op([k, 0, 1, 1, 5, 10, 3]);
            if (!op.PartitionDeletion.IsLive) kinds.Add("partition");
            if (op.RangeTombstones.Count > 0) kinds.Add("range");
            if (op.StaticRow is not null) kinds.Add("static");
            foreach (var row in op.Rows)
            {
                if (!row.Deletion.IsLive) kinds.Add("row-deletion");
                if (!row.PrimaryKeyLiveness.IsEmpty) kinds.Add(row.PrimaryKeyLiveness.IsExpiring ? "ttl" : "insert");
                else if (row.Cells.Any(c => c.IsTombstone)) kinds.Add("cell-tombstone");
                else if (row.Cells.Length > 0) kinds.Add("update");
            }
        }
        Assert.Equal(8, kinds.Count);
    }
}

public sealed class ReconciliationPropertyTestsOnMemtable : ReconciliationPropertyTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new MemtableUnderTest(comparator);
}

public sealed class ReconciliationPropertyTestsOnMemtableStore : ReconciliationPropertyTests
{
    protected override IStoreUnderTest Create(Sibyl.Data.Model.ClusteringComparator comparator) => new ReplicaStoreUnderTest(new MemtableStore(), comparator);
}
