using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Compaction;

/// <summary>SSTables to compact together, the level of the output and the size at which outputs roll over.</summary>
public sealed record CompactionCandidate(IReadOnlyList<SSTableReader> Inputs, int OutputLevel, long MaxOutputBytes = long.MaxValue);
