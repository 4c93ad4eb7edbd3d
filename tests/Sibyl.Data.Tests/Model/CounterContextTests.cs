using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Sibyl.Data.Model;

namespace Sibyl.Data.Tests.Model;

/// <summary>Counter contexts: layout, totals, the shard merge and counter cell reconciliation.</summary>
public class CounterContextTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    [Fact]
    public void LayoutIsHeaderThenSortedShards()
    {
        var context = CounterContext.Create([new CounterContext.Shard(B, 7, -3), new CounterContext.Shard(A, 2, 10)]);
        Assert.Equal(CounterContext.HeaderSize + 2 * CounterContext.ShardSize, context.Length);
        Assert.Equal(new byte[] { 0xFF, (byte)'C', (byte)'T', (byte)'X', 1 }, context[..5]);
        Assert.Equal(new CounterContext.Shard(A, 2, 10), CounterContext.ShardAt(context, 0));
        Assert.Equal(new CounterContext.Shard(B, 7, -3), CounterContext.ShardAt(context, 1));
        Assert.Equal(7, CounterContext.Total(context));
        Assert.Equal(new CounterContext.Shard(B, 7, -3), CounterContext.FindShard(context, B));
        Assert.Null(CounterContext.FindShard(context, C));
        Assert.Throws<ArgumentException>(() => CounterContext.Create([new CounterContext.Shard(A, 1, 1), new CounterContext.Shard(A, 2, 2)]));
    }

    [Fact]
    public void UpdatesCarryADeltaAndSumWhenMerged()
    {
        var update = CounterContext.CreateUpdate(-5);
        Assert.True(CounterContext.IsUpdate(update));
        Assert.False(CounterContext.IsShards(update));
        Assert.Equal(-5, CounterContext.UpdateDelta(update));
        Assert.Equal(7, CounterContext.UpdateDelta(CounterContext.Merge(update, CounterContext.CreateUpdate(12))));
        // An update never meets stored shards; if it does, the shards stand.
        var shards = CounterContext.Create(A, 1, 1);
        Assert.Same(shards, CounterContext.Merge(update, shards));
        Assert.Same(shards, CounterContext.Merge(shards, update));
    }

    [Fact]
    public void OrdinaryValuesAreNotContexts()
    {
        Assert.False(CounterContext.IsContext(new byte[8]));
        Assert.False(CounterContext.IsContext([]));
        var truncated = CounterContext.Create(A, 1, 1)[..^1];
        Assert.False(CounterContext.IsContext(truncated));
    }

    [Fact]
    public void MergeKeepsTheHighestClockPerCounterId()
    {
        var older = CounterContext.Create([new CounterContext.Shard(A, 1, 1), new CounterContext.Shard(B, 5, 50)]);
        var newer = CounterContext.Create([new CounterContext.Shard(A, 3, 4), new CounterContext.Shard(C, 1, 100)]);
        var merged = CounterContext.Merge(older, newer);
        Assert.Equal(3, CounterContext.ShardCount(merged));
        Assert.Equal(new CounterContext.Shard(A, 3, 4), CounterContext.FindShard(merged, A));
        Assert.Equal(154, CounterContext.Total(merged));
        // A context that already holds the result is returned as is.
        Assert.Same(merged, CounterContext.Merge(merged, older));
        Assert.Same(merged, CounterContext.Merge(newer, merged));
    }

    [Fact]
    public void MergeIsCommutativeAssociativeAndIdempotent()
    {
        var ids = new[] { A, B, C };
        var shard = from id in Gen.Elements(ids)
                    from clock in Gen.Choose(1, 5)
                    from count in Gen.Choose(-100, 100)
                    select new CounterContext.Shard(id, clock, count);
        var context = Gen.ListOf(shard).Where(l => l.Count > 0)
            .Select(l => CounterContext.Create([.. l.GroupBy(s => s.CounterId).Select(g => g.First())]));
        Prop.ForAll(Arb.From(Gen.Three(context)), t =>
        {
            var (x, y, z) = t;
            bool commutative = CounterContext.Merge(x, y).AsSpan().SequenceEqual(CounterContext.Merge(y, x));
            bool associative = CounterContext.Merge(CounterContext.Merge(x, y), z).AsSpan()
                .SequenceEqual(CounterContext.Merge(x, CounterContext.Merge(y, z)));
            bool idempotent = CounterContext.Merge(x, x).AsSpan().SequenceEqual(x);
            return commutative && associative && idempotent;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(42, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None))));
    }

    [Fact]
    public void LiveCounterCellsMergeInsteadOfLastWriteWins()
    {
        var first = Cell.Live("c", CounterContext.Create(A, 1, 10), 100);
        var second = Cell.Live("c", CounterContext.Create(B, 1, 5), 50);
        var merged = Cell.Reconcile(first, second);
        Assert.Equal(15, CounterContext.Total(merged.Value));
        Assert.Equal(100, merged.Timestamp);
        Assert.Equal(15, CounterContext.Total(Cell.Reconcile(second, first).Value));
    }

    [Fact]
    public void ATombstoneBeatsACounterCellWhateverTheTimestamps()
    {
        var counter = Cell.Live("c", CounterContext.Create(A, 9, 10), 100);
        var tombstone = Cell.Tombstone("c", 10, 1000);
        Assert.Same(tombstone, Cell.Reconcile(counter, tombstone));
        Assert.Same(tombstone, Cell.Reconcile(tombstone, counter));
        var later = Cell.Tombstone("c", 20, 1000);
        Assert.Same(later, Cell.Reconcile(tombstone, later));
    }

    [Fact]
    public void UpdateCellsOfOneRowSum()
    {
        var row = Row.Create(Clustering.Empty, LivenessInfo.Empty, DeletionTime.Live,
            [Cell.Live("c", CounterContext.CreateUpdate(1), 10), Cell.Live("c", CounterContext.CreateUpdate(2), 10)]);
        Assert.Equal(3, CounterContext.UpdateDelta(Assert.Single(row.Cells).Value));
    }
}
