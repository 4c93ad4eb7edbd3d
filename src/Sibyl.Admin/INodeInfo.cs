namespace Sibyl.Admin;

/// <summary>
/// What the admin endpoint reports about the local node. The host implements it over the live
/// storage, schema and ring; <see cref="RuntimeMetrics"/> supplies the process figures.
/// </summary>
public interface INodeInfo
{
    Guid HostId { get; }
    string ClusterName { get; }
    string Datacenter { get; }
    string Rack { get; }
    /// <summary>The Cassandra release this node claims to be compatible with (nodetool version).</summary>
    string ReleaseVersion { get; }
    Guid SchemaVersion { get; }
    /// <summary>Address other nodes and nodetool status know this node by.</summary>
    string BroadcastAddress { get; }
    /// <summary>Gossip generation: seconds since the epoch at start, as Cassandra uses it.</summary>
    int GenerationNumber { get; }
    DateTimeOffset StartedAt { get; }
    bool GossipActive { get; }
    bool NativeTransportActive { get; }
    IReadOnlyList<string> Tokens { get; }
    /// <summary>Bytes of live data on disk; may walk directories, so called per admin request only.</summary>
    long LoadBytes { get; }
    /// <summary>Every endpoint of the ring as this node sees it, itself included.</summary>
    IReadOnlyList<EndpointStatus> GetEndpoints();
    RuntimeMetricsSnapshot SampleRuntime();
}
