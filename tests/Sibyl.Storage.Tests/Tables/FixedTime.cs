namespace Sibyl.Storage.Tests.Tables;

/// <summary>A clock stopped at a given Unix second, for compaction's gc_grace and TTL decisions.</summary>
internal sealed class FixedTime(long unixSeconds) : TimeProvider
{
    public long UnixSeconds { get; set; } = unixSeconds;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(UnixSeconds);
}
