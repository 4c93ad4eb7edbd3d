using System.Net;

namespace Sibyl.Schema.SystemTables;

/// <summary>What system.local says about this node (and, for peers, what gossip will say about others).</summary>
public sealed record LocalNodeInfo(
    string ClusterName,
    Guid HostId,
    IPAddress ListenAddress,
    int ListenPort,
    IPAddress RpcAddress,
    int NativePort,
    string DataCenter,
    string Rack,
    IReadOnlyList<long> Tokens,
    string ReleaseVersion,
    string CqlVersion,
    string NativeProtocolVersion,
    int GossipGeneration)
{
    public const string Partitioner = "org.apache.cassandra.dht.Murmur3Partitioner";
}
