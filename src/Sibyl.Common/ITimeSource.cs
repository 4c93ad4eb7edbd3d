namespace Sibyl.Common;

/// <summary>
/// The wall clock as Sibyl sees it. Injected everywhere a time is read so that tests (and several
/// simulated nodes in one process) can run on their own clocks.
/// </summary>
public interface ITimeSource
{
    /// <summary>Microseconds since the Unix epoch, suitable as a write timestamp (USING TIMESTAMP default).</summary>
    long NowMicros();

    /// <summary>The current UTC time.</summary>
    DateTimeOffset UtcNow { get; }
}
