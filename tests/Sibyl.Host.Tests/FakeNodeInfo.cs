using Sibyl.Admin;

namespace Sibyl.Host.Tests;

internal sealed class FakeNodeInfo : INodeInfo
{
    private readonly RuntimeMetrics _runtime = new();

    public Guid HostId { get; init; } = Guid.Parse("6b4bd4f3-2f6e-4ad0-a6f7-6a4f0d8e1c2b");
    public string ClusterName { get; init; } = "Test Cluster";
    public string Datacenter { get; init; } = "datacenter1";
    public string Rack { get; init; } = "rack1";
    public string ReleaseVersion { get; init; } = "4.1.0";
    public Guid SchemaVersion { get; init; } = Guid.Parse("e84b6a60-24cf-30ca-9b58-452d92911703");
    public string BroadcastAddress { get; init; } = "127.0.0.1";
    public int GenerationNumber { get; init; } = 1_763_712_000;
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow.AddSeconds(-90);
    public bool GossipActive { get; init; } = true;
    public bool NativeTransportActive { get; init; } = true;
    public IReadOnlyList<string> Tokens { get; init; } = ["-9000", "0", "9000"];
    public long LoadBytes { get; init; } = 106_873;
    public IReadOnlyList<EndpointStatus>? Endpoints { get; init; }

    public IReadOnlyList<EndpointStatus> GetEndpoints() => Endpoints ??
    [
        new EndpointStatus(BroadcastAddress, Datacenter, Rack, EndpointLiveness.Up, EndpointState.Normal, LoadBytes, Tokens.Count, 1.0, HostId),
    ];

    public RuntimeMetricsSnapshot SampleRuntime() => _runtime.Sample();
}
