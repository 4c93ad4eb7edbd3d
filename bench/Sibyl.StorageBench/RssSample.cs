namespace Sibyl.StorageBench;

/// <summary>The process's resident memory at one moment of a run, with how much had been written by then.</summary>
internal readonly record struct RssSample(double Seconds, long WrittenBytes, long RssBytes, long ManagedHeapBytes);
