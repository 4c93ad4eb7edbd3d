using System.Diagnostics;

namespace Sibyl.Admin;

/// <summary>
/// Samples the runtime's GC counters. The allocation rate is measured between consecutive samples
/// (the first sample measures from construction), so keep one instance per node.
/// </summary>
public sealed class RuntimeMetrics
{
    private readonly Lock _lock = new();
    private long _lastAllocated;
    private long _lastTimestamp;

    public RuntimeMetrics()
    {
        _lastAllocated = GC.GetTotalAllocatedBytes(precise: false);
        _lastTimestamp = Stopwatch.GetTimestamp();
    }

    public RuntimeMetricsSnapshot Sample()
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.Any);
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        long now = Stopwatch.GetTimestamp();
        double rate;
        lock (_lock)
        {
            double seconds = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            rate = seconds > 0 ? (allocated - _lastAllocated) / seconds : 0;
            _lastAllocated = allocated;
            _lastTimestamp = now;
        }

        double lastPause = 0;
        foreach (TimeSpan pause in info.PauseDurations)
            lastPause += pause.TotalMilliseconds;

        return new RuntimeMetricsSnapshot(
            HeapUsedBytes: GC.GetTotalMemory(forceFullCollection: false),
            HeapMaxBytes: info.TotalAvailableMemoryBytes,
            CommittedBytes: info.TotalCommittedBytes,
            TotalAllocatedBytes: allocated,
            AllocationRateBytesPerSecond: rate,
            GcPauseTotalMilliseconds: GC.GetTotalPauseDuration().TotalMilliseconds,
            LastGcPauseMilliseconds: lastPause,
            GcPauseTimePercentage: info.PauseTimePercentage,
            Gen0Collections: GC.CollectionCount(0),
            Gen1Collections: GC.CollectionCount(1),
            Gen2Collections: GC.CollectionCount(2));
    }
}
