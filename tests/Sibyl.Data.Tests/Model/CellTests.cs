using Sibyl.Data.Model;

namespace Sibyl.Data.Tests.Model;

/// <summary>Cassandra's Cells.reconcile and cell liveness rules.</summary>
public class CellTests
{
    private const int Now = 1_000_000;

    private static byte[] V(params byte[] bytes) => bytes;

    [Fact]
    public void HigherTimestampWinsWhateverTheKind()
    {
        var live = Cell.Live("c", V(1), 10);
        var tombstone = Cell.Tombstone("c", 9, Now);
        Assert.Same(live, Cell.Reconcile(live, tombstone));
        Assert.Same(live, Cell.Reconcile(tombstone, live));

        var newerTombstone = Cell.Tombstone("c", 11, Now);
        Assert.Same(newerTombstone, Cell.Reconcile(live, newerTombstone));
        Assert.Same(newerTombstone, Cell.Reconcile(newerTombstone, live));

        var small = Cell.Live("c", V(0), 20);
        var big = Cell.Live("c", V(9), 19);
        Assert.Same(small, Cell.Reconcile(big, small));
    }

    [Fact]
    public void EqualTimestampTombstoneBeatsLiveAndExpiring()
    {
        var live = Cell.Live("c", V(0xFF, 0xFF), 10);
        var expiring = Cell.Expiring("c", V(0xFF), 10, 100, Now);
        var tombstone = Cell.Tombstone("c", 10, Now);
        Assert.Same(tombstone, Cell.Reconcile(live, tombstone));
        Assert.Same(tombstone, Cell.Reconcile(tombstone, live));
        Assert.Same(tombstone, Cell.Reconcile(expiring, tombstone));
        Assert.Same(tombstone, Cell.Reconcile(tombstone, expiring));
    }

    [Fact]
    public void EqualTimestampExpiringBeatsPlainLiveCell()
    {
        // CASSANDRA-14592: an expiring cell will become a tombstone, so it wins like one, even against a greater value.
        var live = Cell.Live("c", V(0xFF), 10);
        var expiring = Cell.Expiring("c", V(0x00), 10, 100, Now);
        Assert.Same(expiring, Cell.Reconcile(live, expiring));
        Assert.Same(expiring, Cell.Reconcile(expiring, live));
    }

    [Fact]
    public void EqualTimestampBothExpiringLaterExpirationWins()
    {
        var shortLived = Cell.Expiring("c", V(0xFF), 10, 100, Now);
        var longLived = Cell.Expiring("c", V(0x00), 10, 200, Now);
        Assert.Same(longLived, Cell.Reconcile(shortLived, longLived));
        Assert.Same(longLived, Cell.Reconcile(longLived, shortLived));
    }

    [Fact]
    public void EqualTimestampBothTombstonesLaterDeletionTimeWins()
    {
        var early = Cell.Tombstone("c", 10, Now);
        var late = Cell.Tombstone("c", 10, Now + 5);
        Assert.Same(late, Cell.Reconcile(early, late));
        Assert.Same(late, Cell.Reconcile(late, early));
    }

    [Fact]
    public void EqualTimestampLiveCellsGreaterValueWinsUnsigned()
    {
        var a = Cell.Live("c", V(0x01, 0x00), 10);
        var b = Cell.Live("c", V(0x80), 10);   // 0x80 > 0x01 as unsigned bytes
        Assert.Same(b, Cell.Reconcile(a, b));
        Assert.Same(b, Cell.Reconcile(b, a));

        var prefix = Cell.Live("c", V(0x01), 10);
        Assert.Same(a, Cell.Reconcile(prefix, a));   // longer value with equal prefix is greater
        Assert.Same(a, Cell.Reconcile(a, prefix));
    }

    [Fact]
    public void ReconcileIsCommutativeOnVisibleOutcome()
    {
        var cells = new[]
        {
            Cell.Live("c", V(1), 5), Cell.Live("c", V(2), 5), Cell.Tombstone("c", 5, Now),
            Cell.Expiring("c", V(3), 5, 10, Now), Cell.Expiring("c", V(3), 5, 20, Now),
            Cell.Live("c", V(0), 6), Cell.Tombstone("c", 4, Now),
        };
        foreach (var a in cells)
            foreach (var b in cells)
                Assert.Same(Cell.Reconcile(a, b), Cell.Reconcile(b, a));
    }

    [Fact]
    public void ExpiringCellIsDeadAtItsExpiry()
    {
        var cell = Cell.Expiring("c", V(1), 10, 60, Now);
        Assert.Equal(Now + 60, cell.LocalDeletionTime);
        Assert.Equal(60, cell.Ttl);
        Assert.True(cell.IsExpiring);
        Assert.False(cell.IsTombstone);
        Assert.True(cell.IsLive(Now));
        Assert.True(cell.IsLive(Now + 59));
        Assert.False(cell.IsLive(Now + 60));
        Assert.False(cell.IsLive(Now + 61));
    }

    [Fact]
    public void PlainCellIsAlwaysLiveAndTombstoneNever()
    {
        var live = Cell.Live("c", V(1), 10);
        Assert.True(live.IsLive(int.MaxValue - 1));
        Assert.False(live.IsTombstone);
        Assert.False(live.IsExpiring);

        var tombstone = Cell.Tombstone("c", 10, Now);
        Assert.True(tombstone.IsTombstone);
        Assert.False(tombstone.IsLive(0));
        Assert.False(tombstone.IsLive(Now));
        Assert.Empty(tombstone.Value);
    }

    [Fact]
    public void ExpirationTimeIsCappedBelowNoExpiration()
    {
        Assert.Equal(Now + 10, Cell.ExpirationTime(Now, 10));
        Assert.Equal(int.MaxValue - 1, Cell.ExpirationTime(int.MaxValue - 5, 100));
        Assert.NotEqual(LivenessInfo.NoExpiration, Cell.ExpirationTime(int.MaxValue - 1, 1));
    }
}
