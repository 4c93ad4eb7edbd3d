using Sibyl.Stress;

namespace Sibyl.Client.Tests;

public sealed class LatencyHistogramTests
{
    private static long Exact(long[] sorted, double percentile)
    {
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * sorted.Length));
        return sorted[rank - 1];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Percentiles_are_within_one_percent_of_sorted_samples(int seed)
    {
        var random = new Random(seed);
        var histogram = new LatencyHistogram();
        var samples = new long[100_000];
        for (int i = 0; i < samples.Length; i++)
        {
            // log-normal-ish latencies from a few µs to seconds, the shape real runs have
            samples[i] = (long)Math.Exp(random.NextDouble() * 14);
            histogram.Record(samples[i]);
        }
        Array.Sort(samples);
        foreach (double p in new[] { 0.0, 1, 25, 50, 90, 95, 99, 99.9, 99.99, 100 })
        {
            long exact = Exact(samples, p);
            long reported = histogram.ValueAtPercentile(p);
            Assert.True(reported >= exact, $"p{p}: {reported} < exact {exact}");
            Assert.True(reported <= exact + Math.Max(0, exact / 128), $"p{p}: {reported} too far above exact {exact}");
        }
        Assert.Equal(samples[^1], histogram.Max);
        Assert.Equal(samples[0], histogram.Min);
        Assert.Equal(samples.Length, histogram.TotalCount);
        Assert.Equal(samples.Average(s => (double)s), histogram.Mean, 6);
    }

    [Fact]
    public void Small_values_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (long v = 0; v < 256; v++)
            histogram.Record(v);
        Assert.Equal(127, histogram.ValueAtPercentile(50));
        Assert.Equal(255, histogram.ValueAtPercentile(100));
        Assert.Equal(0, histogram.ValueAtPercentile(0));
    }

    [Fact]
    public void Bucket_boundaries_are_consistent()
    {
        for (long v = 0; v < 1 << 20; v += 7)
        {
            int index = LatencyHistogram.CountsIndex(v);
            Assert.InRange(v, LatencyHistogram.LowestEquivalentValue(index), LatencyHistogram.HighestEquivalentValue(index));
        }
    }

    [Fact]
    public void Merging_equals_recording_everything_in_one()
    {
        var random = new Random(7);
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        for (int i = 0; i < 10_000; i++)
        {
            long v = random.NextInt64(1, 5_000_000);
            (i % 3 == 0 ? a : b).Record(v);
            all.Record(v);
        }
        a.Add(b);
        Assert.Equal(all.TotalCount, a.TotalCount);
        Assert.Equal(all.Max, a.Max);
        Assert.Equal(all.Min, a.Min);
        foreach (double p in new[] { 50.0, 99, 99.9 })
            Assert.Equal(all.ValueAtPercentile(p), a.ValueAtPercentile(p));
    }

    [Fact]
    public void Memory_is_fixed_and_huge_values_clamp()
    {
        var histogram = new LatencyHistogram(highestTrackableValue: 1_000_000);
        int buckets = histogram.BucketCount;
        histogram.Record(50_000_000);
        Assert.Equal(buckets, histogram.BucketCount);
        Assert.Equal(50_000_000, histogram.Max);
        Assert.Equal(50_000_000, histogram.ValueAtPercentile(100));
        histogram.Reset();
        Assert.Equal(0, histogram.TotalCount);
        Assert.Equal(0, histogram.ValueAtPercentile(99));
    }
}
