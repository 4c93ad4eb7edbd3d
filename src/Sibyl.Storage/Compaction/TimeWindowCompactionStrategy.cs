using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Compaction;

/// <summary>
/// Cassandra's TimeWindowCompactionStrategy: SSTables are grouped into windows of compaction_window_size
/// compaction_window_units by their newest write timestamp. The newest window is size-tiered (min_threshold);
/// each older window is compacted into a single SSTable as soon as it holds two or more.
/// </summary>
public sealed class TimeWindowCompactionStrategy : ICompactionStrategy
{
    private readonly long _windowMicros;
    private readonly long _resolutionMicros;
    private readonly int _maxThreshold;
    private readonly SizeTieredCompactionStrategy _sizeTiered;
    private readonly double _tombstoneThreshold;
    private readonly TimeSpan _tombstoneInterval;

    public TimeWindowCompactionStrategy(TableStoreOptions options)
    {
        string unit = (options.Compaction.GetValueOrDefault("compaction_window_unit") ?? "DAYS").ToUpperInvariant();
        long unitMicros = unit switch
        {
            "MINUTES" => 60_000_000L,
            "HOURS" => 3_600_000_000L,
            _ => 86_400_000_000L,
        };
        _windowMicros = unitMicros * Math.Max(1, options.CompactionInt("compaction_window_size", 1));
        _resolutionMicros = (options.Compaction.GetValueOrDefault("timestamp_resolution") ?? "MICROSECONDS").ToUpperInvariant() switch
        {
            "MILLISECONDS" => 1_000L,
            "SECONDS" => 1_000_000L,
            "NANOSECONDS" => -1_000L, // timestamps 1000x finer than microseconds
            _ => 1L,
        };
        _maxThreshold = Math.Max(2, options.CompactionInt("max_threshold", 32));
        _sizeTiered = new SizeTieredCompactionStrategy(options);
        _tombstoneThreshold = options.CompactionDouble("tombstone_threshold", 0.2);
        _tombstoneInterval = TimeSpan.FromSeconds(options.CompactionInt("tombstone_compaction_interval", 86400));
    }

    /// <summary>The window (its start in microseconds) that an SSTable's newest write falls in.</summary>
    public long WindowOf(SSTableReader sstable)
    {
        long ts = sstable.Statistics.MaxTimestamp;
        long micros = _resolutionMicros > 0 ? ts * _resolutionMicros : ts / -_resolutionMicros;
        return micros - ((micros % _windowMicros) + _windowMicros) % _windowMicros;
    }

    public CompactionCandidate? NextBackgroundCompaction(IReadOnlyList<SSTableReader> sstables, int gcBefore, DateTimeOffset now)
    {
        var windows = sstables.GroupBy(WindowOf).OrderByDescending(g => g.Key).ToList();
        for (int i = 0; i < windows.Count; i++)
        {
            var members = windows[i].ToList();
            if (i == 0)
            {
                var bucket = _sizeTiered.MostInterestingBucket(members);
                if (bucket is not null) return new CompactionCandidate(bucket, 0);
            }
            else if (members.Count >= 2)
            {
                return new CompactionCandidate(members.OrderBy(s => s.OnDiskSize).Take(_maxThreshold).ToList(), 0);
            }
        }
        return SizeTieredCompactionStrategy.TombstoneCompaction(sstables, gcBefore, now, _tombstoneThreshold, _tombstoneInterval);
    }

    public CompactionCandidate? MajorCompaction(IReadOnlyList<SSTableReader> sstables) =>
        sstables.Count == 0 ? null : new CompactionCandidate(sstables, 0);

    public int PendingCompactions(IReadOnlyList<SSTableReader> sstables)
    {
        var windows = sstables.GroupBy(WindowOf).OrderByDescending(g => g.Key).ToList();
        int pending = 0;
        for (int i = 0; i < windows.Count; i++)
        {
            int count = windows[i].Count();
            if (i == 0 ? count >= _sizeTiered.MinThreshold : count >= 2) pending++;
        }
        return pending;
    }
}
