namespace Sibyl.Common.Tests;

public class SystemTimeSourceTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void MicrosAreWallClockMicrosSinceEpoch()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_600_000_000_123));
        var source = new SystemTimeSource(clock);
        Assert.Equal(1_600_000_000_123_000L, source.NowMicros());
        Assert.Equal(clock.Now, source.UtcNow);
    }

    [Fact]
    public void MicrosStrictlyIncreaseWhenClockStallsOrStepsBack()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        var source = new SystemTimeSource(clock);
        long a = source.NowMicros();
        long b = source.NowMicros();
        clock.Now = clock.Now.AddSeconds(-1);
        long c = source.NowMicros();
        Assert.True(b > a);
        Assert.True(c > b);
        clock.Now = clock.Now.AddSeconds(10);
        Assert.Equal(10_000_000L, source.NowMicros());
    }

    [Fact]
    public void ConcurrentCallersNeverShareATimestamp()
    {
        var source = new SystemTimeSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 1000; i++)
                seen.Add(source.NowMicros());
        });
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }
}
