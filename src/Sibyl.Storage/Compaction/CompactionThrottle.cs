namespace Sibyl.Storage.Compaction;

/// <summary>
/// compaction_throughput: a token bucket shared by every compaction of a node. A compaction calls
/// <see cref="Acquire"/> with the bytes it is about to write and sleeps when it runs ahead of the rate.
/// </summary>
public sealed class CompactionThrottle
{
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private double _bytesPerSecond;
    private double _available;
    private long _lastTicks;

    public CompactionThrottle(double megabytesPerSecond, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _lastTicks = _time.GetTimestamp();
        MegabytesPerSecond = megabytesPerSecond;
    }

    /// <summary>The rate in MiB/s; 0 or less means unthrottled (Cassandra's compaction_throughput: 0).</summary>
    public double MegabytesPerSecond
    {
        get { lock (_lock) return _bytesPerSecond / (1024 * 1024); }
        set { lock (_lock) _bytesPerSecond = value * 1024 * 1024; }
    }

    /// <summary>Blocks the calling (background) thread until <paramref name="bytes"/> may be written.</summary>
    public void Acquire(long bytes, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_lock)
        {
            if (_bytesPerSecond <= 0) return;
            long now = _time.GetTimestamp();
            _available = Math.Min(_bytesPerSecond, _available + _time.GetElapsedTime(_lastTicks, now).TotalSeconds * _bytesPerSecond);
            _lastTicks = now;
            _available -= bytes;
            if (_available >= 0) return;
            wait = TimeSpan.FromSeconds(-_available / _bytesPerSecond);
        }
        cancellationToken.WaitHandle.WaitOne(wait);
    }
}
