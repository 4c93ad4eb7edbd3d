using Sibyl.Storage.SSTables;
using Sibyl.Storage.Tables;

namespace Sibyl.Storage.Compaction;

/// <summary>
/// Cassandra's default: SSTables of similar size (within [bucket_low, bucket_high] of a bucket's average, or all
/// below min_sstable_size) are compacted together once a bucket holds min_threshold of them, at most
/// max_threshold at a time. With no bucket ready, a single SSTable whose droppable tombstones exceed
/// tombstone_threshold is rewritten once older than tombstone_compaction_interval.
/// </summary>
public sealed class SizeTieredCompactionStrategy : ICompactionStrategy
{
    private readonly int _minThreshold;
    private readonly int _maxThreshold;
    private readonly double _bucketLow;
    private readonly double _bucketHigh;
    private readonly long _minSSTableSize;
    private readonly double _tombstoneThreshold;
    private readonly TimeSpan _tombstoneInterval;

    public SizeTieredCompactionStrategy(TableStoreOptions options)
    {
        _minThreshold = Math.Max(2, options.CompactionInt("min_threshold", 4));
        _maxThreshold = Math.Max(_minThreshold, options.CompactionInt("max_threshold", 32));
        _bucketLow = options.CompactionDouble("bucket_low", 0.5);
        _bucketHigh = options.CompactionDouble("bucket_high", 1.5);
        _minSSTableSize = (long)options.CompactionDouble("min_sstable_size", 50L * 1024 * 1024);
        _tombstoneThreshold = options.CompactionDouble("tombstone_threshold", 0.2);
        _tombstoneInterval = TimeSpan.FromSeconds(options.CompactionInt("tombstone_compaction_interval", 86400));
    }

    public int MinThreshold => _minThreshold;

    public int MaxThreshold => _maxThreshold;

    public CompactionCandidate? NextBackgroundCompaction(IReadOnlyList<SSTableReader> sstables, int gcBefore, DateTimeOffset now)
    {
        var bucket = MostInterestingBucket(sstables);
        if (bucket is not null) return new CompactionCandidate(bucket, 0);
        return TombstoneCompaction(sstables, gcBefore, now, _tombstoneThreshold, _tombstoneInterval);
    }

    /// <summary>The ready bucket with the smallest SSTables (cheapest to merge), trimmed to max_threshold.</summary>
    public IReadOnlyList<SSTableReader>? MostInterestingBucket(IReadOnlyList<SSTableReader> sstables)
    {
        List<SSTableReader>? best = null;
        double bestAverage = double.MaxValue;
        foreach (var bucket in Buckets(sstables))
        {
            if (bucket.Count < _minThreshold) continue;
            var trimmed = bucket.OrderBy(s => s.OnDiskSize).Take(_maxThreshold).ToList();
            double average = trimmed.Average(s => (double)s.OnDiskSize);
            if (average < bestAverage)
            {
                best = trimmed;
                bestAverage = average;
            }
        }
        return best;
    }

    /// <summary>Cassandra's getBuckets: one pass over the SSTables sorted by size.</summary>
    public List<List<SSTableReader>> Buckets(IReadOnlyList<SSTableReader> sstables)
    {
        var buckets = new List<(double Average, List<SSTableReader> Members)>();
        foreach (var sstable in sstables.OrderBy(s => s.OnDiskSize))
        {
            long size = sstable.OnDiskSize;
            int found = -1;
            for (int i = 0; i < buckets.Count; i++)
            {
                double avg = buckets[i].Average;
                if ((size > avg * _bucketLow && size < avg * _bucketHigh) || (size < _minSSTableSize && avg < _minSSTableSize))
                {
                    found = i;
                    break;
                }
            }
            if (found < 0)
            {
                buckets.Add((size, [sstable]));
            }
            else
            {
                var (avg, members) = buckets[found];
                members.Add(sstable);
                buckets[found] = ((avg * (members.Count - 1) + size) / members.Count, members);
            }
        }
        return [.. buckets.Select(b => b.Members)];
    }

    /// <summary>A single SSTable worth rewriting for its droppable tombstones alone.</summary>
    internal static CompactionCandidate? TombstoneCompaction(IReadOnlyList<SSTableReader> sstables, int gcBefore, DateTimeOffset now,
        double threshold, TimeSpan interval)
    {
        SSTableReader? best = null;
        double bestRatio = threshold;
        foreach (var sstable in sstables)
        {
            double ratio = sstable.Statistics.EstimatedDroppableTombstoneRatio(gcBefore);
            if (ratio <= bestRatio) continue;
            var created = File.GetLastWriteTimeUtc(sstable.DataPath);
            if (now.UtcDateTime - created < interval) continue;
            best = sstable;
            bestRatio = ratio;
        }
        return best is null ? null : new CompactionCandidate([best], best.Level);
    }

    public CompactionCandidate? MajorCompaction(IReadOnlyList<SSTableReader> sstables) =>
        sstables.Count == 0 ? null : new CompactionCandidate(sstables, 0);

    public int PendingCompactions(IReadOnlyList<SSTableReader> sstables)
    {
        int pending = 0;
        foreach (var bucket in Buckets(sstables))
            if (bucket.Count >= _minThreshold) pending += (bucket.Count + _maxThreshold - 1) / _maxThreshold;
        return pending;
    }
}
