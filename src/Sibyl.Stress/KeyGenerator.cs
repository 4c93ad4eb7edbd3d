namespace Sibyl.Stress;

/// <summary>
/// Draws keys in [0, count). Immutable after construction, so workers share one and pass their own
/// <see cref="Random"/>. Zipfian follows YCSB's generator (Gray et al., "Quickly generating billion-record
/// synthetic databases") and scatters the popular ranks over the key space with an FNV hash, so the hot keys
/// do not all sit on one replica.
/// </summary>
public sealed class KeyGenerator
{
    private readonly long _count;
    private readonly KeyDistribution _distribution;
    private readonly double _theta, _alpha, _zetaN, _eta, _halfPowTheta;

    public KeyGenerator(long count, KeyDistribution distribution, double exponent = 0.99)
    {
        if (count < 1)
            throw new ArgumentOutOfRangeException(nameof(count));
        _count = count;
        _distribution = distribution;
        if (distribution != KeyDistribution.Zipf)
            return;
        // The closed form divides by (1 - theta); nudge an exponent of exactly 1.
        _theta = Math.Abs(exponent - 1) < 1e-6 ? 1 - 1e-6 : exponent;
        _alpha = 1 / (1 - _theta);
        _zetaN = Zeta(count, _theta);
        double zeta2 = Zeta(2, _theta);
        _eta = (1 - Math.Pow(2.0 / count, 1 - _theta)) / (1 - zeta2 / _zetaN);
        _halfPowTheta = 1 + Math.Pow(0.5, _theta);
    }

    public long Count => _count;

    public long Next(Random random) =>
        _distribution == KeyDistribution.Zipf ? Scatter(NextRank(random)) : random.NextInt64(_count);

    /// <summary>The Zipfian rank (0 = most popular) before scattering.</summary>
    internal long NextRank(Random random)
    {
        double u = random.NextDouble();
        double uz = u * _zetaN;
        if (uz < 1)
            return 0;
        if (uz < _halfPowTheta)
            return Math.Min(1, _count - 1);
        long rank = (long)(_count * Math.Pow(_eta * u - _eta + 1, _alpha));
        return Math.Clamp(rank, 0, _count - 1);
    }

    private long Scatter(long rank)
    {
        // FNV-1a over the rank's bytes.
        ulong hash = 0xcbf29ce484222325UL;
        for (int i = 0; i < 8; i++)
        {
            hash ^= (byte)(rank >> (i * 8));
            hash *= 0x100000001b3UL;
        }
        return (long)(hash % (ulong)_count);
    }

    private static double Zeta(long n, double theta)
    {
        double sum = 0;
        for (long i = 1; i <= n; i++)
            sum += 1 / Math.Pow(i, theta);
        return sum;
    }
}
