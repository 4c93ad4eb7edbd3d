using Sibyl.Host.Configuration;

namespace Sibyl.Host.Tests;

public class ConfigLoaderTests
{
    private static readonly ConfigOverrides None = new();

    private static SibylConfig Parse(string yaml, ConfigOverrides? o = null) => SibylConfigLoader.Parse(yaml, o ?? None);

    private static IReadOnlyList<string> Errors(string yaml, ConfigOverrides? o = null) =>
        Assert.Throws<ConfigurationException>(() => Parse(yaml, o)).Errors;

    [Fact]
    public void EmptyFileGivesCassandraDefaults()
    {
        SibylConfig c = Parse("");
        Assert.Equal("Test Cluster", c.ClusterName);
        Assert.Equal("127.0.0.1", c.ListenAddress);
        Assert.Equal("127.0.0.1", c.RpcAddress);
        Assert.Equal(9042, c.NativeTransportPort);
        Assert.Equal(16 * 1024 * 1024, c.NativeTransportMaxFrameSizeBytes);
        Assert.Equal(CommitLogSyncMode.Periodic, c.CommitLogSync);
        Assert.Equal(TimeSpan.FromSeconds(10), c.CommitLogSyncPeriod);
        Assert.Equal(32 * 1024 * 1024, c.CommitLogSegmentSizeBytes);
        Assert.Null(c.MemtableHeapSpaceBytes);
        Assert.Equal(16, c.NumTokens);
        Assert.Equal(1000, c.TombstoneWarnThreshold);
        Assert.Equal(100_000, c.TombstoneFailureThreshold);
        Assert.Equal(5 * 1024, c.BatchSizeWarnThresholdBytes);
        Assert.Equal(50 * 1024, c.BatchSizeFailThresholdBytes);
        Assert.Equal(10, c.UnloggedBatchAcrossPartitionsWarnThreshold);
        Assert.Equal(TimeSpan.FromSeconds(5), c.ReadRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), c.WriteRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), c.RangeRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), c.RequestTimeout);
        Assert.Equal(32, c.ConcurrentReads);
        Assert.Equal(32, c.ConcurrentWrites);
        Assert.Equal(7199, c.AdminPort);
        Assert.Equal(AuthenticatorKind.AllowAll, c.Authenticator);
        Assert.Equal("org.apache.cassandra.dht.Murmur3Partitioner", c.Partitioner);
    }

    [Fact]
    public void DirectoriesDeriveFromTheDataDirectoryUnlessSet()
    {
        string root = Path.Combine(Path.GetTempPath(), "sibyl-dirs");
        SibylConfig c = Parse("commitlog_directory: /var/cl\n", new ConfigOverrides { DataDirectory = root });
        Assert.Equal([Path.Combine(root, "data")], c.DataFileDirectories);
        Assert.Equal("/var/cl", c.CommitLogDirectory);
        Assert.Equal(Path.Combine(root, "hints"), c.HintsDirectory);
        Assert.Equal(Path.Combine(root, "saved_caches"), c.SavedCachesDirectory);
        Assert.Equal(Path.Combine(root, "logs"), c.LogDirectory);
    }

    [Fact]
    public void ReadsCassandra41UnitSuffixedForms()
    {
        SibylConfig c = Parse("""
            cluster_name: 'Prod'
            native_transport_max_frame_size: 32MiB
            commitlog_sync: group
            commitlog_sync_group_window: 15ms
            commitlog_sync_period: 2s
            commitlog_segment_size: 64MiB
            memtable_heap_space: 512MiB
            batch_size_warn_threshold: 10KiB
            batch_size_fail_threshold: 1MiB
            gc_warn_threshold: 1m
            read_request_timeout: 1h
            write_request_timeout: 500000us
            range_request_timeout: 1d
            request_timeout: 2000000000ns
            data_file_directories:
                - /d1
                - /d2
            """);
        Assert.Equal("Prod", c.ClusterName);
        Assert.Equal(32L << 20, c.NativeTransportMaxFrameSizeBytes);
        Assert.Equal(CommitLogSyncMode.Group, c.CommitLogSync);
        Assert.Equal(TimeSpan.FromMilliseconds(15), c.CommitLogSyncGroupWindow);
        Assert.Equal(TimeSpan.FromSeconds(2), c.CommitLogSyncPeriod);
        Assert.Equal(64L << 20, c.CommitLogSegmentSizeBytes);
        Assert.Equal(512L << 20, c.MemtableHeapSpaceBytes);
        Assert.Equal(10 * 1024, c.BatchSizeWarnThresholdBytes);
        Assert.Equal(1 << 20, c.BatchSizeFailThresholdBytes);
        Assert.Equal(TimeSpan.FromMinutes(1), c.GcWarnThreshold);
        Assert.Equal(TimeSpan.FromHours(1), c.ReadRequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), c.WriteRequestTimeout);
        Assert.Equal(TimeSpan.FromDays(1), c.RangeRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), c.RequestTimeout);
        Assert.Equal(["/d1", "/d2"], c.DataFileDirectories);
    }

    [Fact]
    public void ReadsCassandra40NamesWithUnitsInTheName()
    {
        SibylConfig c = Parse("""
            native_transport_max_frame_size_in_mb: 8
            commitlog_sync_period_in_ms: 2500
            commitlog_segment_size_in_mb: 16
            memtable_heap_space_in_mb: 100
            batch_size_warn_threshold_in_kb: 7
            batch_size_fail_threshold_in_kb: 70
            gc_warn_threshold_in_ms: 300
            read_request_timeout_in_ms: 1000
            write_request_timeout_in_ms: 1500
            range_request_timeout_in_ms: 3000
            request_timeout_in_ms: 4000
            """);
        Assert.Equal(8L << 20, c.NativeTransportMaxFrameSizeBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), c.CommitLogSyncPeriod);
        Assert.Equal(16L << 20, c.CommitLogSegmentSizeBytes);
        Assert.Equal(100L << 20, c.MemtableHeapSpaceBytes);
        Assert.Equal(7 * 1024, c.BatchSizeWarnThresholdBytes);
        Assert.Equal(70 * 1024, c.BatchSizeFailThresholdBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(300), c.GcWarnThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), c.ReadRequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), c.WriteRequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(3000), c.RangeRequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(4000), c.RequestTimeout);
    }

    [Fact]
    public void ReadsThresholdsConcurrencyAndDirectories()
    {
        SibylConfig c = Parse("""
            tombstone_warn_threshold: 10
            tombstone_failure_threshold: 20
            unlogged_batch_across_partitions_warn_threshold: 3
            concurrent_reads: 8
            concurrent_writes: 16
            hints_directory: /h
            saved_caches_directory: /sc
            commitlog_sync: batch
            commitlog_sync_group_window_in_ms: 2.5
            admin_port: 7300
            num_tokens: 1
            initial_token: -42
            """);
        Assert.Equal((10, 20, 3), (c.TombstoneWarnThreshold, c.TombstoneFailureThreshold, c.UnloggedBatchAcrossPartitionsWarnThreshold));
        Assert.Equal((8, 16), (c.ConcurrentReads, c.ConcurrentWrites));
        Assert.Equal(("/h", "/sc"), (c.HintsDirectory, c.SavedCachesDirectory));
        Assert.Equal(CommitLogSyncMode.Batch, c.CommitLogSync);
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), c.CommitLogSyncGroupWindow);
        Assert.Equal(7300, c.AdminPort);
        Assert.Equal([-42L], c.InitialTokens);
    }

    [Fact]
    public void RefusesInconsistentCombinations()
    {
        Assert.Equal(["tombstone_warn_threshold (30) must not exceed tombstone_failure_threshold (20)"],
            Errors("tombstone_warn_threshold: 30\ntombstone_failure_threshold: 20\n"));
        Assert.Equal(["Missing value for 'commitlog_sync_group_window': commitlog_sync is group"],
            Errors("commitlog_sync: group\ncommitlog_sync_group_window: 0ms\n"));
        Assert.Equal(["Missing value for 'commitlog_sync_period': commitlog_sync is periodic"],
            Errors("commitlog_sync_period: 0s\n"));
    }

    [Fact]
    public void RefusesOldAndNewNameTogether()
    {
        IReadOnlyList<string> errors = Errors("read_request_timeout: 5s\nread_request_timeout_in_ms: 5000\n");
        Assert.Equal(["Invalid yaml: both 'read_request_timeout_in_ms' and its replacement 'read_request_timeout' are set"], errors);
    }

    [Fact]
    public void UnknownSettingIsNamed()
    {
        Assert.Equal(["Invalid yaml: unknown setting 'foo_bar'"], Errors("foo_bar: 1\n"));
    }

    [Fact]
    public void InvalidCommitLogSyncIsNamedWithTheChoices()
    {
        Assert.Equal(["Invalid value for 'commitlog_sync': 'sometimes' (expected periodic, batch or group)"],
            Errors("commitlog_sync: sometimes\n"));
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        IReadOnlyList<string> errors = Errors("""
            foo_bar: 1
            native_transport_port: 70000
            commitlog_sync_period: 10 parsecs
            native_transport_max_frame_size: 16MB
            num_tokens: many
            listen_address: not-an-ip
            """);
        Assert.Equal(
        [
            "Invalid yaml: unknown setting 'foo_bar'",
            "Invalid value for 'native_transport_port': '70000' (expected an integer from 1 to 65535)",
            "Invalid value for 'commitlog_sync_period': '10 parsecs' (expected a duration such as 10000ms, 10s or 1m)",
            "Invalid value for 'native_transport_max_frame_size': '16MB' (expected a size such as 16MiB, 512KiB or 1024B)",
            "Invalid value for 'num_tokens': 'many' (expected an integer from 1 to 1536)",
            "Invalid value for 'listen_address': 'not-an-ip' (expected an IP address)",
        ], errors);
    }

    [Theory]
    [InlineData("partitioner: org.apache.cassandra.dht.RandomPartitioner", "Invalid value for 'partitioner': 'org.apache.cassandra.dht.RandomPartitioner' (only Murmur3Partitioner is supported)")]
    [InlineData("authenticator: LdapAuthenticator", "Invalid value for 'authenticator': 'LdapAuthenticator' (expected AllowAllAuthenticator or PasswordAuthenticator)")]
    [InlineData("authorizer: Nope", "Invalid value for 'authorizer': 'Nope' (expected AllowAllAuthorizer or CassandraAuthorizer)")]
    [InlineData("endpoint_snitch: Ec2Snitch", "Invalid value for 'endpoint_snitch': 'Ec2Snitch' (expected SimpleSnitch or GossipingPropertyFileSnitch)")]
    [InlineData("data_file_directories: []", "Invalid value for 'data_file_directories': '[]' (expected at least one directory)")]
    [InlineData("commitlog_segment_size: 0MiB", "Invalid value for 'commitlog_segment_size': '0MiB' (expected a size greater than zero)")]
    [InlineData("native_transport_max_frame_size: 2GiB", "Invalid value for 'native_transport_max_frame_size': '2GiB' (expected a size from 1B to 2047MiB)")]
    [InlineData("concurrent_reads: 0", "Invalid value for 'concurrent_reads': '0' (expected an integer >= 1)")]
    [InlineData("read_request_timeout_in_ms: soon", "Invalid value for 'read_request_timeout_in_ms': 'soon' (expected a number of milliseconds)")]
    [InlineData("cluster_name: [a, b]", "Invalid value for 'cluster_name': '[a, b]' (expected a string)")]
    public void RefusesInvalidValues(string yaml, string expected)
    {
        Assert.Equal([expected], Errors(yaml));
    }

    [Fact]
    public void AcceptsShortAndQualifiedClassNames()
    {
        SibylConfig c = Parse("""
            partitioner: Murmur3Partitioner
            authenticator: org.apache.cassandra.auth.PasswordAuthenticator
            authorizer:
              class_name: CassandraAuthorizer
            endpoint_snitch: org.apache.cassandra.locator.GossipingPropertyFileSnitch
            """);
        Assert.Equal("org.apache.cassandra.dht.Murmur3Partitioner", c.Partitioner);
        Assert.Equal(AuthenticatorKind.Password, c.Authenticator);
        Assert.Equal(AuthorizerKind.Cassandra, c.Authorizer);
        Assert.Equal("GossipingPropertyFileSnitch", c.EndpointSnitch);
    }

    [Fact]
    public void KeepsTheSeedsList()
    {
        SibylConfig c = Parse("""
            seed_provider:
              - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                parameters:
                  - seeds: "127.0.0.1:7000, 127.0.0.2:7000,127.0.0.3"
            """);
        Assert.Equal("org.apache.cassandra.locator.SimpleSeedProvider", c.SeedProvider.ClassName);
        Assert.Equal(["127.0.0.1:7000", "127.0.0.2:7000", "127.0.0.3"], c.SeedProvider.Seeds);
    }

    [Fact]
    public void EmptyValueMeansDefault()
    {
        SibylConfig c = Parse("initial_token:\nnum_tokens: 4\n");
        Assert.Empty(c.InitialTokens);
        Assert.Equal(4, c.NumTokens);
    }

    [Fact]
    public void InitialTokensMustMatchNumTokens()
    {
        Assert.Equal([-5, 7], Parse("num_tokens: 2\ninitial_token: -5,7\n").InitialTokens);
        Assert.Equal(["The number of initial tokens (by initial_token) specified (2) is different from num_tokens value (16)"],
            Errors("initial_token: -5,7\n"));
    }

    [Fact]
    public void RpcAddressFollowsListenAddressUnlessSet()
    {
        Assert.Equal("127.0.0.5", Parse("listen_address: 127.0.0.5\n").RpcAddress);
        SibylConfig c = Parse("listen_address: 127.0.0.5\nrpc_address: 0.0.0.0\n");
        Assert.Equal("0.0.0.0", c.RpcAddress);
        Assert.Equal("127.0.0.1", Parse("listen_address: localhost\n").ListenAddress);
    }

    [Fact]
    public void CommandLineOverridesTheFile()
    {
        SibylConfig c = Parse("native_transport_port: 9000\nadmin_port: 7000\nlisten_address: 127.0.0.9\n",
            new ConfigOverrides { NativeTransportPort = 9142, AdminPort = 7299, ListenAddress = "127.0.0.2", DataDirectory = "/tmp/x" });
        Assert.Equal(9142, c.NativeTransportPort);
        Assert.Equal(7299, c.AdminPort);
        Assert.Equal("127.0.0.2", c.ListenAddress);
        Assert.Equal("127.0.0.2", c.RpcAddress);
        Assert.Equal("127.0.0.2", c.AdminAddress);
        Assert.Equal("/tmp/x", c.DataDirectory);
    }

    [Fact]
    public void AdminStaysOnLoopback()
    {
        Assert.Equal("127.0.0.1", Parse("", new ConfigOverrides { ListenAddress = "10.1.2.3" }).AdminAddress);
    }

    [Fact]
    public void RefusesSamePortTwice()
    {
        Assert.Equal(["native_transport_port and admin_port are both 9042"], Errors("admin_port: 9042\n"));
    }

    [Fact]
    public void MalformedYamlIsRefused()
    {
        var e = Assert.Throws<ConfigurationException>(() => Parse("cluster_name: [unclosed\n"));
        Assert.StartsWith("Invalid yaml:", e.Message);
        e = Assert.Throws<ConfigurationException>(() => Parse("- just\n- a list\n"));
        Assert.Equal("Invalid yaml: expected a mapping of setting names to values", e.Message);
    }

    [Fact]
    public void LoadsAFileAndReportsAMissingOne()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sibyl-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "cluster_name: FromFile\n");
        try
        {
            Assert.Equal("FromFile", SibylConfigLoader.Load(path, None).ClusterName);
        }
        finally
        {
            File.Delete(path);
        }
        var e = Assert.Throws<ConfigurationException>(() => SibylConfigLoader.Load(path, None));
        Assert.StartsWith($"Cannot read configuration file '{path}'", e.Message);
    }
}
