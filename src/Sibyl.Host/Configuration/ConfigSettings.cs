using V = Sibyl.Host.Configuration.ConfigValues;

namespace Sibyl.Host.Configuration;

/// <summary>
/// The one table of accepted cassandra.yaml settings: name, how to apply its value, and for a 4.0
/// name the 4.1 name it was replaced by (setting both is refused, as Cassandra does).
/// </summary>
internal static class ConfigSettings
{
    public sealed record Setting(string Name, Func<SibylConfig, object, SibylConfig> Apply, string? ReplacedBy = null);

    public static readonly IReadOnlyDictionary<string, Setting> All = Build(
        new("cluster_name", (c, v) => c with { ClusterName = V.String(v) }),
        new("listen_address", (c, v) => c with { ListenAddress = V.Address(v) }),
        new("rpc_address", (c, v) => c with { RpcAddress = V.Address(v) }),
        new("native_transport_port", (c, v) => c with { NativeTransportPort = V.Port(v) }),
        new("native_transport_max_frame_size", (c, v) => c with { NativeTransportMaxFrameSizeBytes = FrameSize(V.DataSize(v)) }),
        new("native_transport_max_frame_size_in_mb", (c, v) => c with { NativeTransportMaxFrameSizeBytes = FrameSize(V.Units(v, SibylConfig.MiB, "mebibytes")) }, "native_transport_max_frame_size"),
        new("data_file_directories", (c, v) => c with { DataFileDirectories = NonEmpty(V.StringList(v)) }),
        new("commitlog_directory", (c, v) => c with { CommitLogDirectory = V.String(v) }),
        new("hints_directory", (c, v) => c with { HintsDirectory = V.String(v) }),
        new("saved_caches_directory", (c, v) => c with { SavedCachesDirectory = V.String(v) }),
        new("commitlog_sync", (c, v) => c with { CommitLogSync = CommitLogSync(v) }),
        new("commitlog_sync_period", (c, v) => c with { CommitLogSyncPeriod = V.Duration(v) }),
        new("commitlog_sync_period_in_ms", (c, v) => c with { CommitLogSyncPeriod = V.Milliseconds(v) }, "commitlog_sync_period"),
        new("commitlog_sync_group_window", (c, v) => c with { CommitLogSyncGroupWindow = V.Duration(v) }),
        new("commitlog_sync_group_window_in_ms", (c, v) => c with { CommitLogSyncGroupWindow = V.Milliseconds(v) }, "commitlog_sync_group_window"),
        new("commitlog_segment_size", (c, v) => c with { CommitLogSegmentSizeBytes = Positive(V.DataSize(v)) }),
        new("commitlog_segment_size_in_mb", (c, v) => c with { CommitLogSegmentSizeBytes = Positive(V.Units(v, SibylConfig.MiB, "mebibytes")) }, "commitlog_segment_size"),
        new("commitlog_total_space", (c, v) => c with { CommitLogTotalSpaceBytes = Positive(V.DataSize(v)) }),
        new("commitlog_total_space_in_mb", (c, v) => c with { CommitLogTotalSpaceBytes = Positive(V.Units(v, SibylConfig.MiB, "mebibytes")) }, "commitlog_total_space"),
        new("memtable_heap_space", (c, v) => c with { MemtableHeapSpaceBytes = Positive(V.DataSize(v)) }),
        new("memtable_heap_space_in_mb", (c, v) => c with { MemtableHeapSpaceBytes = Positive(V.Units(v, SibylConfig.MiB, "mebibytes")) }, "memtable_heap_space"),
        new("num_tokens", (c, v) => c with { NumTokens = V.Int(v, 1, 1536) }),
        new("initial_token", (c, v) => c with { InitialTokens = V.Tokens(v) }),
        new("seed_provider", (c, v) => c with { SeedProvider = V.SeedProvider(v) }),
        new("endpoint_snitch", (c, v) => c with { EndpointSnitch = Snitch(v) }),
        new("partitioner", (c, v) => c with { Partitioner = Partitioner(v) }),
        new("authenticator", (c, v) => c with { Authenticator = Authenticator(v) }),
        new("authorizer", (c, v) => c with { Authorizer = Authorizer(v) }),
        new("tombstone_warn_threshold", (c, v) => c with { TombstoneWarnThreshold = V.Int(v, 0) }),
        new("tombstone_failure_threshold", (c, v) => c with { TombstoneFailureThreshold = V.Int(v, 0) }),
        new("batch_size_warn_threshold", (c, v) => c with { BatchSizeWarnThresholdBytes = V.DataSize(v) }),
        new("batch_size_warn_threshold_in_kb", (c, v) => c with { BatchSizeWarnThresholdBytes = V.Units(v, SibylConfig.KiB, "kibibytes") }, "batch_size_warn_threshold"),
        new("batch_size_fail_threshold", (c, v) => c with { BatchSizeFailThresholdBytes = V.DataSize(v) }),
        new("batch_size_fail_threshold_in_kb", (c, v) => c with { BatchSizeFailThresholdBytes = V.Units(v, SibylConfig.KiB, "kibibytes") }, "batch_size_fail_threshold"),
        new("unlogged_batch_across_partitions_warn_threshold", (c, v) => c with { UnloggedBatchAcrossPartitionsWarnThreshold = V.Int(v, 0) }),
        new("gc_warn_threshold", (c, v) => c with { GcWarnThreshold = V.Duration(v) }),
        new("gc_warn_threshold_in_ms", (c, v) => c with { GcWarnThreshold = V.Milliseconds(v) }, "gc_warn_threshold"),
        new("read_request_timeout", (c, v) => c with { ReadRequestTimeout = V.Duration(v) }),
        new("read_request_timeout_in_ms", (c, v) => c with { ReadRequestTimeout = V.Milliseconds(v) }, "read_request_timeout"),
        new("write_request_timeout", (c, v) => c with { WriteRequestTimeout = V.Duration(v) }),
        new("write_request_timeout_in_ms", (c, v) => c with { WriteRequestTimeout = V.Milliseconds(v) }, "write_request_timeout"),
        new("range_request_timeout", (c, v) => c with { RangeRequestTimeout = V.Duration(v) }),
        new("range_request_timeout_in_ms", (c, v) => c with { RangeRequestTimeout = V.Milliseconds(v) }, "range_request_timeout"),
        new("request_timeout", (c, v) => c with { RequestTimeout = V.Duration(v) }),
        new("request_timeout_in_ms", (c, v) => c with { RequestTimeout = V.Milliseconds(v) }, "request_timeout"),
        new("concurrent_reads", (c, v) => c with { ConcurrentReads = V.Int(v, 1) }),
        new("concurrent_writes", (c, v) => c with { ConcurrentWrites = V.Int(v, 1) }),
        new("compact_tables_enabled", (c, v) => c with { CompactTablesEnabled = Flag(v) }),
        new("admin_port", (c, v) => c with { AdminPort = V.Port(v) }));

    private static Dictionary<string, Setting> Build(params Setting[] settings) =>
        settings.ToDictionary(s => s.Name, StringComparer.Ordinal);

    private static bool Flag(object value) => V.Scalar(value, "expected true or false").ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new InvalidSettingValueException("expected true or false"),
    };

    private static long Positive(long bytes) =>
        bytes > 0 ? bytes : throw new InvalidSettingValueException("expected a size greater than zero");

    // Cassandra 4.1 refuses frames of 2GiB or more; the protocol's length field is a signed int.
    private static long FrameSize(long bytes) =>
        bytes is > 0 and < 2048 * SibylConfig.MiB ? bytes : throw new InvalidSettingValueException("expected a size from 1B to 2047MiB");

    private static IReadOnlyList<string> NonEmpty(IReadOnlyList<string> list) =>
        list.Count > 0 ? list : throw new InvalidSettingValueException("expected at least one directory");

    private static CommitLogSyncMode CommitLogSync(object value) => V.Scalar(value, "") switch
    {
        "periodic" => CommitLogSyncMode.Periodic,
        "batch" => CommitLogSyncMode.Batch,
        "group" => CommitLogSyncMode.Group,
        _ => throw new InvalidSettingValueException("expected periodic, batch or group"),
    };

    private static string Snitch(object value) => V.ClassName(value, "org.apache.cassandra.locator.") switch
    {
        "SimpleSnitch" => "SimpleSnitch",
        "GossipingPropertyFileSnitch" => "GossipingPropertyFileSnitch",
        _ => throw new InvalidSettingValueException("expected SimpleSnitch or GossipingPropertyFileSnitch"),
    };

    private static string Partitioner(object value) => V.ClassName(value, "org.apache.cassandra.dht.") switch
    {
        "Murmur3Partitioner" => "org.apache.cassandra.dht.Murmur3Partitioner",
        _ => throw new InvalidSettingValueException("only Murmur3Partitioner is supported"),
    };

    private static AuthenticatorKind Authenticator(object value) => V.ClassName(value, "org.apache.cassandra.auth.") switch
    {
        "AllowAllAuthenticator" => AuthenticatorKind.AllowAll,
        "PasswordAuthenticator" => AuthenticatorKind.Password,
        _ => throw new InvalidSettingValueException("expected AllowAllAuthenticator or PasswordAuthenticator"),
    };

    private static AuthorizerKind Authorizer(object value) => V.ClassName(value, "org.apache.cassandra.auth.") switch
    {
        "AllowAllAuthorizer" => AuthorizerKind.AllowAll,
        "CassandraAuthorizer" => AuthorizerKind.Cassandra,
        _ => throw new InvalidSettingValueException("expected AllowAllAuthorizer or CassandraAuthorizer"),
    };
}
