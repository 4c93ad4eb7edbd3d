using System.Collections.Concurrent;

namespace Sibyl.Storage.Caching;

/// <summary>
/// A concurrent cache bounded by the summed weight of its values, evicting with the CLOCK policy (second
/// chance): a hit only sets a flag, so reads never take a lock; an insert that overflows the capacity sweeps
/// the insertion queue, re-queueing flagged entries and dropping the others. Once full, a new value is admitted
/// one time in <see cref="AdmitOneIn"/>: when the working set is larger than the cache, replacing entries on
/// every miss costs more (garbage collection of long-lived values that die) than the hits it buys, while a
/// hot key still gets in after a few misses.
/// </summary>
public sealed class ClockCache<TKey, TValue>
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries;
    private readonly ConcurrentQueue<TKey> _clock = new();
    private readonly object _evictLock = new();
    private long _weight;
    private long _stale; // queued keys whose entry RemoveWhere dropped
    private long _hits, _misses;

    /// <summary>Admission rate once the cache is full (measured: always admitting doubled the CPU of a point read whose
    /// data was twice the cache size).</summary>
    public const int AdmitOneIn = 8;

    public ClockCache(long capacity, IEqualityComparer<TKey>? comparer = null)
    {
        Capacity = capacity;
        _entries = new ConcurrentDictionary<TKey, Entry>(comparer);
    }

    public long Capacity { get; }
    public long Weight => Interlocked.Read(ref _weight);
    public int Count => _entries.Count;
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.Referenced == 0) entry.Referenced = 1;
            Interlocked.Increment(ref _hits);
            value = entry.Value;
            return true;
        }
        Interlocked.Increment(ref _misses);
        value = null!;
        return false;
    }

    /// <summary>Adds a value unless the key is present; values heavier than the whole capacity are not kept.</summary>
    public void Add(TKey key, TValue value, int weight)
    {
        if (Admits(weight)) AddAdmitted(key, value, weight);
    }

    /// <summary>
    /// Whether a value of this weight gets in now (once full, the one-in-<see cref="AdmitOneIn"/> draw): asked before
    /// building a value, so that one meant to stay can be built for a long life and one that will not is left cheap.
    /// </summary>
    public bool Admits(int weight) =>
        Capacity > 0 && weight <= Capacity
        && (Interlocked.Read(ref _weight) + weight <= Capacity || Random.Shared.Next(AdmitOneIn) == 0);

    /// <summary>Adds a value <see cref="Admits"/> let in, unless the key is present.</summary>
    public void AddAdmitted(TKey key, TValue value, int weight)
    {
        if (!_entries.TryAdd(key, new Entry(value, weight))) return;
        _clock.Enqueue(key);
        if (Interlocked.Add(ref _weight, weight) > Capacity || Interlocked.Read(ref _stale) > _entries.Count + 4096) Evict();
    }

    /// <summary>Drops every entry whose key matches (an SSTable that went away).</summary>
    public void RemoveWhere(Func<TKey, bool> match)
    {
        foreach (var key in _entries.Keys)
        {
            if (!match(key) || !_entries.TryRemove(key, out var entry)) continue;
            Interlocked.Add(ref _weight, -entry.Weight);
            Interlocked.Increment(ref _stale);
        }
    }

    private void Evict()
    {
        // One sweeper at a time; others return at once (the cache may briefly exceed its capacity).
        if (!Monitor.TryEnter(_evictLock)) return;
        try
        {
            long budget = 2L * _entries.Count + Interlocked.Read(ref _stale) + 16;
            while ((Interlocked.Read(ref _weight) > Capacity || Interlocked.Read(ref _stale) > 0) && budget-- > 0 && _clock.TryDequeue(out var key))
            {
                if (!_entries.TryGetValue(key, out var entry))
                {
                    Interlocked.Decrement(ref _stale); // removed by RemoveWhere
                    continue;
                }
                if (Interlocked.Read(ref _weight) <= Capacity)
                {
                    _clock.Enqueue(key); // only clearing out stale keys: live entries keep their place
                }
                else if (entry.Referenced != 0)
                {
                    entry.Referenced = 0;
                    _clock.Enqueue(key);
                }
                else if (_entries.TryRemove(key, out var removed))
                {
                    Interlocked.Add(ref _weight, -removed.Weight);
                }
            }
        }
        finally
        {
            Monitor.Exit(_evictLock);
        }
    }

    private sealed class Entry(TValue value, int weight)
    {
        public readonly TValue Value = value;
        public readonly int Weight = weight;
        public volatile int Referenced;
    }
}
