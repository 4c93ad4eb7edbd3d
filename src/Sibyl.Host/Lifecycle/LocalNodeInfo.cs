using Sibyl.Admin;
using Sibyl.Host.Configuration;

namespace Sibyl.Host.Lifecycle;

/// <summary>
/// <see cref="INodeInfo"/> of a node that is its own ring, fed by configuration and process metrics.
/// The parts that belong to other subsystems (schema version, transport and gossip state, tokens,
/// ring view) are delegates with stand-in defaults, for the composition to replace as those land.
/// </summary>
public sealed class LocalNodeInfo : INodeInfo
{
    private readonly SibylConfig _config;
    private readonly RuntimeMetrics _runtime = new();

    public LocalNodeInfo(SibylConfig config, TimeProvider? time = null)
    {
        _config = config;
        StartedAt = (time ?? TimeProvider.System).GetUtcNow();
        GenerationNumber = (int)StartedAt.ToUnixTimeSeconds();
        Tokens = config.InitialTokens.Count > 0
            ? config.InitialTokens.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : RandomTokens(config.NumTokens);
    }

    /// <summary>Until system.local persists it, a fresh id per start.</summary>
    public Guid HostId { get; init; } = Guid.NewGuid();
    public string ClusterName => _config.ClusterName;
    /// <summary>SimpleSnitch's names; a snitch-backed implementation replaces them.</summary>
    public string Datacenter { get; init; } = "datacenter1";
    public string Rack { get; init; } = "rack1";
    public string ReleaseVersion => SibylVersion.CassandraReleaseVersion;
    public Func<Guid> SchemaVersionSource { get; init; } = () => Guid.Empty;
    public Guid SchemaVersion => SchemaVersionSource();
    public string BroadcastAddress => _config.ListenAddress;
    public int GenerationNumber { get; }
    public DateTimeOffset StartedAt { get; }
    public Func<bool> GossipActiveSource { get; init; } = () => false;
    public bool GossipActive => GossipActiveSource();
    public Func<bool> NativeTransportActiveSource { get; init; } = () => false;
    public bool NativeTransportActive => NativeTransportActiveSource();
    public IReadOnlyList<string> Tokens { get; init; }

    /// <summary>Bytes held by storage in memory (memtables), added to the bytes on disk.</summary>
    public Func<long> LoadSource { get; init; } = () => 0;

    /// <summary>Bytes of files under data_file_directories plus what storage holds in memory.</summary>
    public long LoadBytes
    {
        get
        {
            long total = LoadSource();
            foreach (string dir in _config.DataFileDirectories)
            {
                if (!Directory.Exists(dir))
                    continue;
                try
                {
                    foreach (FileInfo file in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories))
                        total += file.Length;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A file removed by compaction mid-walk; the next request counts again.
                }
            }
            return total;
        }
    }

    public IReadOnlyList<EndpointStatus> GetEndpoints() =>
    [
        new EndpointStatus(BroadcastAddress, Datacenter, Rack, EndpointLiveness.Up, EndpointState.Normal,
            LoadBytes, Tokens.Count, Owns: 1.0, HostId),
    ];

    public RuntimeMetricsSnapshot SampleRuntime() => _runtime.Sample();

    /// <summary>As Cassandra picks a first node's tokens without an allocation strategy: at random.</summary>
    private static string[] RandomTokens(int count)
    {
        var tokens = new long[count];
        for (int i = 0; i < count; i++)
            tokens[i] = Random.Shared.NextInt64(long.MinValue + 1, long.MaxValue);
        Array.Sort(tokens);
        return tokens.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
