namespace Sibyl.Host.Configuration;

/// <summary>
/// A node's settings, named after cassandra.yaml's (4.1 names; the 4.0 <c>_in_ms</c>/<c>_in_mb</c>/<c>_in_kb</c>
/// forms are read too) with Cassandra's defaults. Immutable: built by <see cref="SibylConfigLoader"/>,
/// then shared by every service.
/// </summary>
public sealed record SibylConfig
{
    public const long KiB = 1024, MiB = 1024 * KiB;

    /// <summary>Sibyl's own: root of every directory not set explicitly, and of logs/.</summary>
    public string DataDirectory { get; init; } = Path.GetFullPath("data");

    public string ClusterName { get; init; } = "Test Cluster";
    public string ListenAddress { get; init; } = "127.0.0.1";
    /// <summary>Address CQL clients connect to; defaults to <see cref="ListenAddress"/>.</summary>
    public string RpcAddress { get; init; } = "127.0.0.1";
    public int NativeTransportPort { get; init; } = 9042;
    public long NativeTransportMaxFrameSizeBytes { get; init; } = 16 * MiB;

    public IReadOnlyList<string> DataFileDirectories { get; init; } = [];
    public string CommitLogDirectory { get; init; } = "";
    public string HintsDirectory { get; init; } = "";
    public string SavedCachesDirectory { get; init; } = "";
    public string LogDirectory => Path.Combine(DataDirectory, "logs");

    public CommitLogSyncMode CommitLogSync { get; init; } = CommitLogSyncMode.Periodic;
    public TimeSpan CommitLogSyncPeriod { get; init; } = TimeSpan.FromMilliseconds(10_000);
    public TimeSpan CommitLogSyncGroupWindow { get; init; } = TimeSpan.FromMilliseconds(1_000);
    public long CommitLogSegmentSizeBytes { get; init; } = 32 * MiB;
    public long CommitLogTotalSpaceBytes { get; init; } = 8192 * MiB;
    /// <summary>memtable_heap_space; null means Cassandra's default of a quarter of the heap.</summary>
    public long? MemtableHeapSpaceBytes { get; init; }

    public int NumTokens { get; init; } = 16;
    public IReadOnlyList<long> InitialTokens { get; init; } = [];
    public SeedProviderConfig SeedProvider { get; init; } =
        new("org.apache.cassandra.locator.SimpleSeedProvider", ["127.0.0.1:7000"]);
    public string EndpointSnitch { get; init; } = "SimpleSnitch";
    public string Partitioner { get; init; } = "org.apache.cassandra.dht.Murmur3Partitioner";

    public AuthenticatorKind Authenticator { get; init; } = AuthenticatorKind.AllowAll;
    public AuthorizerKind Authorizer { get; init; } = AuthorizerKind.AllowAll;

    public int TombstoneWarnThreshold { get; init; } = 1_000;
    public int TombstoneFailureThreshold { get; init; } = 100_000;
    public long BatchSizeWarnThresholdBytes { get; init; } = 5 * KiB;
    public long BatchSizeFailThresholdBytes { get; init; } = 50 * KiB;
    public int UnloggedBatchAcrossPartitionsWarnThreshold { get; init; } = 10;

    /// <summary>compact_tables_enabled (Cassandra 5.0's guardrail): CREATE TABLE ... WITH COMPACT STORAGE is allowed.</summary>
    public bool CompactTablesEnabled { get; init; } = true;
    public TimeSpan GcWarnThreshold { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReadRequestTimeout { get; init; } = TimeSpan.FromMilliseconds(5_000);
    public TimeSpan WriteRequestTimeout { get; init; } = TimeSpan.FromMilliseconds(2_000);
    public TimeSpan RangeRequestTimeout { get; init; } = TimeSpan.FromMilliseconds(10_000);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMilliseconds(10_000);

    public int ConcurrentReads { get; init; } = 32;
    public int ConcurrentWrites { get; init; } = 32;

    /// <summary>Sibyl's own: port of the admin endpoint nodetool talks to (Cassandra's JMX port).</summary>
    public int AdminPort { get; init; } = 7199;

    /// <summary>
    /// The admin endpoint never leaves the loopback interface; a node listening on another loopback
    /// address (127.0.0.2, for a local cluster) keeps its admin endpoint there too.
    /// </summary>
    public string AdminAddress => ListenAddress.StartsWith("127.", StringComparison.Ordinal) ? ListenAddress : "127.0.0.1";
}
