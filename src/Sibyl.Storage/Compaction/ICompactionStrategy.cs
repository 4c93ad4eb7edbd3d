using Sibyl.Storage.SSTables;

namespace Sibyl.Storage.Compaction;

/// <summary>Chooses what to compact next from the SSTables not already being compacted.</summary>
public interface ICompactionStrategy
{
    /// <summary>The next background compaction worth doing, or null.</summary>
    CompactionCandidate? NextBackgroundCompaction(IReadOnlyList<SSTableReader> sstables, int gcBefore, DateTimeOffset now);

    /// <summary>nodetool compact: everything at once.</summary>
    CompactionCandidate? MajorCompaction(IReadOnlyList<SSTableReader> sstables);

    /// <summary>Estimated compactions still to do, for tablestats/compactionstats.</summary>
    int PendingCompactions(IReadOnlyList<SSTableReader> sstables);
}
