using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;

namespace Sibyl.Data.Tests.Model;

/// <summary>Partition range bounds: token-only bounds cover every key of the token; key bounds order by key bytes.</summary>
public class PartitionPositionTests
{
    private static DecoratedKey Key(long token, params byte[] key) => new(new Token(token), key);

    [Fact]
    public void TokenStartBound()
    {
        var inclusive = PartitionPosition.AtToken(new Token(10), inclusive: true);
        var exclusive = PartitionPosition.AtToken(new Token(10), inclusive: false);
        Assert.True(inclusive.IsBeforeOrAt(Key(10, 1)));
        Assert.False(exclusive.IsBeforeOrAt(Key(10, 1)));
        Assert.True(exclusive.IsBeforeOrAt(Key(11, 0)));
        Assert.False(inclusive.IsBeforeOrAt(Key(9, 9)));
    }

    [Fact]
    public void TokenEndBound()
    {
        var inclusive = PartitionPosition.AtToken(new Token(10), inclusive: true);
        var exclusive = PartitionPosition.AtToken(new Token(10), inclusive: false);
        Assert.True(inclusive.IsAfterOrAt(Key(10, 1)));
        Assert.False(exclusive.IsAfterOrAt(Key(10, 1)));
        Assert.True(exclusive.IsAfterOrAt(Key(9, 255)));
        Assert.False(inclusive.IsAfterOrAt(Key(11, 0)));
    }

    [Fact]
    public void AfterKeyExcludesTheKeyButNotLaterKeysOfTheSameToken()
    {
        var start = PartitionPosition.AfterKey(Key(10, 5));
        Assert.False(start.IsBeforeOrAt(Key(10, 5)));
        Assert.False(start.IsBeforeOrAt(Key(10, 4)));
        Assert.True(start.IsBeforeOrAt(Key(10, 6)));
        Assert.True(start.IsBeforeOrAt(Key(11, 0)));

        var at = new PartitionPosition(new Token(10), [5], Inclusive: true);
        Assert.True(at.IsBeforeOrAt(Key(10, 5)));
        Assert.True(at.IsAfterOrAt(Key(10, 5)));
        Assert.False(at.IsAfterOrAt(Key(10, 6)));
    }

    [Fact]
    public void DecoratedKeysOrderByTokenThenKeyBytes()
    {
        var keys = new[] { Key(5, 2), Key(-3, 9), Key(5, 1), Key(long.MaxValue, 0) };
        Array.Sort(keys);
        Assert.Equal([-3L, 5, 5, long.MaxValue], keys.Select(k => k.Token.Value));
        Assert.Equal(1, keys[1].Key[0]);
    }

    [Fact]
    public void DecorateUsesCompositeKeyForSeveralComponents()
    {
        byte[] a = [0, 0, 0, 1], b = [0x61];
        var single = PartitionKeys.Decorate([a]);
        Assert.Equal(a, single.Key);
        Assert.Equal(Murmur3Partitioner.GetToken(a), single.Token);

        var composite = PartitionKeys.Decorate([a, b]);
        Assert.Equal(Murmur3Partitioner.GetToken(composite.Key), composite.Token);
        var parts = PartitionKeys.Split(composite.Key, 2);
        Assert.Equal(a, parts[0]);
        Assert.Equal(b, parts[1]);
    }
}
