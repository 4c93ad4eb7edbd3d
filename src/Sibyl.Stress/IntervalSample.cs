namespace Sibyl.Stress;

/// <summary>One progress interval (about a second) of the measured run.</summary>
public readonly record struct IntervalSample(double ElapsedSeconds, long Operations, double OpsPerSecond,
    double P50Ms, double P99Ms, double MaxMs, long Errors);
