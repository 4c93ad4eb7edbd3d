using System.Numerics;

namespace Sibyl.Stress;

/// <summary>
/// An HDR-style log-linear histogram of non-negative integer values (the stress tool records microseconds).
/// Values below 256 are counted exactly; above, each power-of-two range is split into 128 equal sub-buckets,
/// so a reported value is never more than 1/128 (under 1%, i.e. 2 significant digits) above the true one.
/// Memory is fixed at construction; histograms of the same range merge by adding counts. Not thread-safe.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketHalfCountMagnitude = 7;
    private const int SubBucketHalfCount = 1 << SubBucketHalfCountMagnitude; // 128
    private const int SubBucketCount = SubBucketHalfCount * 2;                // 256
    private const long SubBucketMask = SubBucketCount - 1;

    private readonly long[] _counts;
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;

    /// <param name="highestTrackableValue">Larger values are counted in the top bucket (their exact maximum is still kept).</param>
    public LatencyHistogram(long highestTrackableValue = 3_600_000_000L)
    {
        if (highestTrackableValue < SubBucketCount)
            throw new ArgumentOutOfRangeException(nameof(highestTrackableValue), "Must be at least 256");
        HighestTrackableValue = highestTrackableValue;
        _counts = new long[CountsIndex(highestTrackableValue) + 1];
    }

    public long HighestTrackableValue { get; }

    public long TotalCount { get; private set; }

    /// <summary>The largest value recorded (exact), 0 when empty.</summary>
    public long Max => _max;

    /// <summary>The smallest value recorded (exact), 0 when empty.</summary>
    public long Min => TotalCount == 0 ? 0 : _min;

    /// <summary>Mean of the recorded values (exact, not bucketed), 0 when empty.</summary>
    public double Mean => TotalCount == 0 ? 0 : _sum / TotalCount;

    /// <summary>Memory held by the counts, for the fixed-memory promise.</summary>
    public int BucketCount => _counts.Length;

    public void Record(long value) => Record(value, 1);

    public void Record(long value, long count)
    {
        if (count <= 0)
            return;
        if (value < 0)
            value = 0;
        int index = CountsIndex(Math.Min(value, HighestTrackableValue));
        _counts[index] += count;
        TotalCount += count;
        _sum += (double)value * count;
        if (value < _min)
            _min = value;
        if (value > _max)
            _max = value;
    }

    /// <summary>Adds every count of <paramref name="other"/> (same trackable range) to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        if (other._counts.Length != _counts.Length)
            throw new ArgumentException("Histograms of different ranges cannot be merged", nameof(other));
        if (other.TotalCount == 0)
            return;
        for (int i = 0; i < _counts.Length; i++)
            _counts[i] += other._counts[i];
        TotalCount += other.TotalCount;
        _sum += other._sum;
        _min = Math.Min(_min, other._min);
        _max = Math.Max(_max, other._max);
    }

    public void Reset()
    {
        Array.Clear(_counts);
        TotalCount = 0;
        _sum = 0;
        _min = long.MaxValue;
        _max = 0;
    }

    public LatencyHistogram Copy()
    {
        var copy = new LatencyHistogram(HighestTrackableValue);
        copy.Add(this);
        return copy;
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> percent of the recorded values fall: the highest
    /// value equivalent to the bucket holding that rank (capped by the exact maximum); 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (TotalCount == 0)
            return 0;
        percentile = Math.Clamp(percentile, 0, 100);
        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * TotalCount));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Max(Math.Min(HighestEquivalentValue(i), _max), Min);
        }
        return _max;
    }

    internal static int CountsIndex(long value)
    {
        int bucketIndex = 63 - BitOperations.LeadingZeroCount((ulong)(value | SubBucketMask)) - SubBucketHalfCountMagnitude;
        int subBucketIndex = (int)(value >> bucketIndex);
        return ((bucketIndex + 1) << SubBucketHalfCountMagnitude) + (subBucketIndex - SubBucketHalfCount);
    }

    internal static long LowestEquivalentValue(int index)
    {
        int bucketIndex = (index >> SubBucketHalfCountMagnitude) - 1;
        int subBucketIndex = (index & (SubBucketHalfCount - 1)) + SubBucketHalfCount;
        if (bucketIndex < 0)
        {
            subBucketIndex -= SubBucketHalfCount;
            bucketIndex = 0;
        }
        return (long)subBucketIndex << bucketIndex;
    }

    internal static long HighestEquivalentValue(int index)
    {
        int bucketIndex = Math.Max(0, (index >> SubBucketHalfCountMagnitude) - 1);
        return LowestEquivalentValue(index) + (1L << bucketIndex) - 1;
    }
}
