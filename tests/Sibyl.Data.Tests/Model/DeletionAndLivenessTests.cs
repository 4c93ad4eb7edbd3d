using Sibyl.Data.Model;

namespace Sibyl.Data.Tests.Model;

/// <summary>Cassandra's DeletionTime and LivenessInfo rules.</summary>
public class DeletionAndLivenessTests
{
    [Fact]
    public void DeletionDeletesDataAtOrBeforeItsTimestamp()
    {
        var deletion = new DeletionTime(100, 5);
        Assert.True(deletion.Deletes(99));
        Assert.True(deletion.Deletes(100));   // ties go to the deletion
        Assert.False(deletion.Deletes(101));
        Assert.False(deletion.IsLive);
    }

    [Fact]
    public void LiveDeletionDeletesNothingWritten()
    {
        Assert.True(DeletionTime.Live.IsLive);
        Assert.False(DeletionTime.Live.Deletes(long.MinValue + 1));
        Assert.False(DeletionTime.Live.Deletes(0));
    }

    [Fact]
    public void SupersedesByTimestampThenLocalDeletionTime()
    {
        var a = new DeletionTime(100, 5);
        Assert.True(new DeletionTime(101, 1).Supersedes(a));
        Assert.False(new DeletionTime(99, 9).Supersedes(a));
        Assert.True(new DeletionTime(100, 6).Supersedes(a));
        Assert.False(new DeletionTime(100, 5).Supersedes(a));
        Assert.True(a.Supersedes(DeletionTime.Live));
        Assert.False(DeletionTime.Live.Supersedes(a));
    }

    [Fact]
    public void MaxIsCommutative()
    {
        var a = new DeletionTime(100, 5);
        var b = new DeletionTime(100, 7);
        var c = new DeletionTime(50, 99);
        Assert.Equal(b, DeletionTime.Max(a, b));
        Assert.Equal(b, DeletionTime.Max(b, a));
        Assert.Equal(a, DeletionTime.Max(a, c));
        Assert.Equal(a, DeletionTime.Max(c, a));
        Assert.Equal(a, DeletionTime.Max(DeletionTime.Live, a));
        Assert.Equal(a, DeletionTime.Max(a, DeletionTime.Live));
    }

    [Fact]
    public void LivenessCreateAndExpiry()
    {
        var plain = LivenessInfo.Create(10, LivenessInfo.NoTtl, 1000);
        Assert.False(plain.IsExpiring);
        Assert.Equal(LivenessInfo.NoExpiration, plain.LocalExpirationTime);
        Assert.True(plain.IsLive(int.MaxValue - 1));

        var expiring = LivenessInfo.Create(10, 30, 1000);
        Assert.True(expiring.IsExpiring);
        Assert.Equal(1030, expiring.LocalExpirationTime);
        Assert.True(expiring.IsLive(1029));
        Assert.False(expiring.IsLive(1030));

        Assert.True(LivenessInfo.Empty.IsEmpty);
        Assert.False(LivenessInfo.Empty.IsLive(0));
    }

    [Fact]
    public void LivenessMergeHigherTimestampThenExpiringThenLaterExpiration()
    {
        var older = LivenessInfo.Create(10, LivenessInfo.NoTtl, 0);
        var newer = LivenessInfo.Create(11, LivenessInfo.NoTtl, 0);
        Assert.Equal(newer, LivenessInfo.Merge(older, newer));
        Assert.Equal(newer, LivenessInfo.Merge(newer, older));

        var expiring = LivenessInfo.Create(10, 5, 100);
        Assert.Equal(expiring, LivenessInfo.Merge(older, expiring));
        Assert.Equal(expiring, LivenessInfo.Merge(expiring, older));

        var later = LivenessInfo.Create(10, 50, 100);
        Assert.Equal(later, LivenessInfo.Merge(expiring, later));
        Assert.Equal(later, LivenessInfo.Merge(later, expiring));

        Assert.Equal(older, LivenessInfo.Merge(LivenessInfo.Empty, older));
        Assert.Equal(older, LivenessInfo.Merge(older, LivenessInfo.Empty));
    }
}
