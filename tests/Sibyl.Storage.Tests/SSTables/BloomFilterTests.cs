using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Tests.SSTables;

public sealed class BloomFilterTests
{
    private static byte[] Key(int i) => BitConverter.GetBytes(i * 2654435761L);

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    public void FalsePositiveRateHonoursTheConfiguredChance(double chance)
    {
        var filter = BloomFilter.Create(10_000, chance);
        for (int i = 0; i < 10_000; i++) filter.Add(Key(i));
        for (int i = 0; i < 10_000; i++) Assert.True(filter.MayContain(Key(i)));
        int falsePositives = 0;
        for (int i = 10_000; i < 110_000; i++)
            if (filter.MayContain(Key(i))) falsePositives++;
        double rate = falsePositives / 100_000.0;
        Assert.InRange(rate, chance / 4, chance * 1.5);
    }

    [Fact]
    public void ChanceOfOneKeepsEverything()
    {
        var filter = BloomFilter.Create(100, 1.0);
        Assert.True(filter.MayContain([1, 2, 3]));
        Assert.Equal(0, filter.HashCount);
    }
}
