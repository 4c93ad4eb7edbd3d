namespace Sibyl.Common;

/// <summary>
/// The system clock. <see cref="NowMicros"/> is strictly increasing per instance, as Cassandra's
/// ClientState.getTimestamp is, so two writes from one coordinator never share a timestamp even
/// when the clock's resolution is coarse or it steps backwards.
/// </summary>
public sealed class SystemTimeSource : ITimeSource
{
    private readonly TimeProvider _clock;
    private long _lastMicros = long.MinValue;

    public SystemTimeSource() : this(TimeProvider.System)
    {
    }

    public SystemTimeSource(TimeProvider clock) => _clock = clock;

    public DateTimeOffset UtcNow => _clock.GetUtcNow();

    public long NowMicros()
    {
        while (true)
        {
            long current = (_clock.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / (TimeSpan.TicksPerMillisecond / 1000);
            long last = Volatile.Read(ref _lastMicros);
            long next = current > last ? current : last + 1;
            if (Interlocked.CompareExchange(ref _lastMicros, next, last) == last)
                return next;
        }
    }
}
