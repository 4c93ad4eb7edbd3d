using System.Diagnostics;

namespace Sibyl.StorageBench;

/// <summary>
/// Every latency of a run, in Stopwatch ticks, one slot per operation index: threads record without locks
/// (each writes its own slots), and percentiles are exact (nearest rank over the sorted values, not a
/// histogram's approximation). 8 bytes per operation.
/// </summary>
internal sealed class LatencyRecorder(long operations)
{
    private readonly long[] _ticks = new long[operations];

    public void Record(long operation, long ticks)
    {
        if ((ulong)operation < (ulong)_ticks.LongLength) _ticks[operation] = ticks;
    }

    /// <summary>Percentiles over the first <paramref name="operations"/> slots (sorts them in place).</summary>
    public LatencySummary Summarize(long operations)
    {
        long n = Math.Min(operations, _ticks.LongLength);
        if (n == 0) return new LatencySummary(0, 0, 0, 0, 0, 0);
        var sorted = _ticks.AsSpan(0, checked((int)n));
        sorted.Sort();
        double sum = 0;
        foreach (long t in sorted) sum += t;
        return new LatencySummary(n, Micros(sum / n), Micros(Percentile(sorted, 0.50)), Micros(Percentile(sorted, 0.99)),
            Micros(Percentile(sorted, 0.999)), Micros(sorted[^1]));
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static long Percentile(ReadOnlySpan<long> sorted, double p)
    {
        long rank = (long)Math.Ceiling(p * sorted.Length);
        return sorted[(int)Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double Micros(double ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
