namespace Sibyl.Admin;

/// <summary>Process memory and GC figures at one instant.</summary>
public sealed record RuntimeMetricsSnapshot(
    long HeapUsedBytes,
    long HeapMaxBytes,
    long CommittedBytes,
    long TotalAllocatedBytes,
    double AllocationRateBytesPerSecond,
    double GcPauseTotalMilliseconds,
    double LastGcPauseMilliseconds,
    double GcPauseTimePercentage,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
