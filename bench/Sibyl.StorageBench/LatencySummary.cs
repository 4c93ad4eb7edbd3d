namespace Sibyl.StorageBench;

/// <summary>Percentiles of a set of recorded latencies, in microseconds.</summary>
internal sealed record LatencySummary(long Count, double MeanMicros, double P50Micros, double P99Micros, double P999Micros, double MaxMicros);
