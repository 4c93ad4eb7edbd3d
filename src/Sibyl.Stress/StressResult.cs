namespace Sibyl.Stress;

/// <summary>Everything a measured run produced; the reports are rendered from it.</summary>
public sealed class StressResult
{
    public required StressOptions Options { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the measured phase (warmup excluded).</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Latencies in microseconds of every successful measured operation.</summary>
    public required LatencyHistogram Latency { get; init; }

    public required IReadOnlyDictionary<OperationKind, LatencyHistogram> LatencyByKind { get; init; }

    /// <summary>Failed operations by kind of error (the server's error code name, ClientTimeout, ConnectionError...).</summary>
    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    public required long RowsRead { get; init; }

    /// <summary>Reads that found no row.</summary>
    public required long NotFound { get; init; }

    public required IReadOnlyList<IntervalSample> Intervals { get; init; }

    public long Operations => Latency.TotalCount;

    public long ErrorCount
    {
        get
        {
            long total = 0;
            foreach (var count in Errors.Values)
                total += count;
            return total;
        }
    }

    public double OpsPerSecond => ElapsedSeconds > 0 ? Operations / ElapsedSeconds : 0;
}
