using Sibyl.Data.Partitioning;
using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Compaction;

/// <summary>
/// Cassandra's LeveledCompactionStrategy: flushes land in L0; four or more L0 SSTables are merged with the L1
/// SSTables they overlap into L1; a level L ≥ 1 larger than sstable_size_in_mb × fanout_size^L promotes one
/// SSTable (round robin by key) with its overlapping SSTables of L+1 into L+1. Outputs roll at
/// sstable_size_in_mb, so the levels above 0 hold non-overlapping SSTables.
/// </summary>
public sealed class LeveledCompactionStrategy : ICompactionStrategy
{
    private const int L0CompactionTrigger = 4;
    private readonly long _maxSSTableBytes;
    private readonly int _fanout;
    private readonly int _maxThreshold;
    private readonly double _tombstoneThreshold;
    private readonly TimeSpan _tombstoneInterval;
    private readonly Dictionary<int, DecoratedKey> _lastCompactedKey = [];

    public LeveledCompactionStrategy(TableStoreOptions options)
    {
        _maxSSTableBytes = Math.Max(1, options.CompactionInt("sstable_size_in_mb", 160)) * 1024L * 1024;
        _fanout = Math.Max(2, options.CompactionInt("fanout_size", 10));
        _maxThreshold = Math.Max(2, options.CompactionInt("max_threshold", 32));
        _tombstoneThreshold = options.CompactionDouble("tombstone_threshold", 0.2);
        _tombstoneInterval = TimeSpan.FromSeconds(options.CompactionInt("tombstone_compaction_interval", 86400));
    }

    public long MaxBytesForLevel(int level) => level == 0 ? L0CompactionTrigger * _maxSSTableBytes : _maxSSTableBytes * (long)Math.Pow(_fanout, level);

    public CompactionCandidate? NextBackgroundCompaction(IReadOnlyList<SSTableReader> sstables, int gcBefore, DateTimeOffset now)
    {
        var levels = ByLevel(sstables);
        // Higher levels first when over their size, as Cassandra's getCompactionCandidates does, L0 when backed up.
        int maxLevel = levels.Keys.DefaultIfEmpty(0).Max();
        for (int level = maxLevel; level >= 1; level--)
        {
            if (!levels.TryGetValue(level, out var members)) continue;
            if (members.Sum(s => s.OnDiskSize) <= MaxBytesForLevel(level)) continue;
            var pick = NextInRoundRobin(level, members);
            var next = levels.GetValueOrDefault(level + 1) ?? [];
            return new CompactionCandidate([pick, .. Overlapping(next, pick.FirstKey, pick.LastKey)], level + 1, _maxSSTableBytes);
        }
        if (levels.TryGetValue(0, out var l0) && l0.Count >= L0CompactionTrigger)
        {
            var inputs = l0.OrderBy(s => s.Statistics.MinTimestamp).Take(_maxThreshold).ToList();
            var first = inputs.Min(s => s.FirstKey)!;
            var last = inputs.Max(s => s.LastKey)!;
            inputs.AddRange(Overlapping(levels.GetValueOrDefault(1) ?? [], first, last));
            return new CompactionCandidate(inputs, 1, _maxSSTableBytes);
        }
        return SizeTieredCompactionStrategy.TombstoneCompaction(sstables, gcBefore, now, _tombstoneThreshold, _tombstoneInterval);
    }

    private SSTableReader NextInRoundRobin(int level, List<SSTableReader> members)
    {
        var ordered = members.OrderBy(s => s.FirstKey).ToList();
        var pick = ordered[0];
        if (_lastCompactedKey.TryGetValue(level, out var last))
            pick = ordered.FirstOrDefault(s => s.FirstKey.CompareTo(last) > 0) ?? ordered[0];
        _lastCompactedKey[level] = pick.LastKey;
        return pick;
    }

    private static IEnumerable<SSTableReader> Overlapping(IEnumerable<SSTableReader> candidates, DecoratedKey first, DecoratedKey last) =>
        candidates.Where(s => s.FirstKey.CompareTo(last) <= 0 && s.LastKey.CompareTo(first) >= 0);

    private static SortedDictionary<int, List<SSTableReader>> ByLevel(IReadOnlyList<SSTableReader> sstables)
    {
        var levels = new SortedDictionary<int, List<SSTableReader>>();
        foreach (var s in sstables)
        {
            if (!levels.TryGetValue(s.Level, out var list)) levels[s.Level] = list = [];
            list.Add(s);
        }
        return levels;
    }

    public CompactionCandidate? MajorCompaction(IReadOnlyList<SSTableReader> sstables) =>
        sstables.Count == 0 ? null : new CompactionCandidate(sstables, 1, _maxSSTableBytes);

    public int PendingCompactions(IReadOnlyList<SSTableReader> sstables)
    {
        int pending = 0;
        foreach (var (level, members) in ByLevel(sstables))
        {
            if (level == 0)
            {
                if (members.Count >= L0CompactionTrigger) pending++;
                continue;
            }
            long excess = members.Sum(s => s.OnDiskSize) - MaxBytesForLevel(level);
            if (excess > 0) pending += (int)Math.Ceiling(excess / (double)_maxSSTableBytes);
        }
        return pending;
    }
}
