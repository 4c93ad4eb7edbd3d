namespace Sibyl.Admin;

/// <summary>The body of <c>GET /info</c>.</summary>
public sealed record InfoReport(
    Guid HostId,
    string ClusterName,
    string ReleaseVersion,
    Guid SchemaVersion,
    bool GossipActive,
    bool NativeTransportActive,
    long LoadBytes,
    int GenerationNo,
    long UptimeSeconds,
    string Datacenter,
    string Rack,
    IReadOnlyList<string> Tokens,
    RuntimeMetricsSnapshot Runtime)
{
    public static InfoReport From(INodeInfo node, DateTimeOffset now) => new(
        node.HostId,
        node.ClusterName,
        node.ReleaseVersion,
        node.SchemaVersion,
        node.GossipActive,
        node.NativeTransportActive,
        node.LoadBytes,
        node.GenerationNumber,
        (long)Math.Max(0, (now - node.StartedAt).TotalSeconds),
        node.Datacenter,
        node.Rack,
        node.Tokens,
        node.SampleRuntime());
}
