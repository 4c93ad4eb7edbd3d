namespace Sibyl.StorageBench;

/// <summary>One figure a scenario reports: a name, a value and its unit (empty for plain counts).</summary>
internal readonly record struct Metric(string Name, double Value, string Unit = "");
