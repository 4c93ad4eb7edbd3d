using Sibyl.Common;

namespace Sibyl.Storage.Tests.CommitLog;

internal sealed class FixedClock(DateTimeOffset now) : ITimeSource
{
    public long NowMicros() => now.ToUnixTimeMilliseconds() * 1000;

    public DateTimeOffset UtcNow => now;
}
