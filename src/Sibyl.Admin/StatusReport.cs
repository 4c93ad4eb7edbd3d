namespace Sibyl.Admin;

/// <summary>The body of <c>GET /status</c>.</summary>
public sealed record StatusReport(string ClusterName, IReadOnlyList<StatusRow> Endpoints);

/// <summary>An endpoint as it travels in JSON; see <see cref="EndpointStatus"/>.</summary>
public sealed record StatusRow(
    string Address,
    string Datacenter,
    string Rack,
    string Status,
    string State,
    long? LoadBytes,
    int Tokens,
    double? Owns,
    Guid HostId)
{
    public static StatusRow From(EndpointStatus e) => new(
        e.Address, e.Datacenter, e.Rack, e.Liveness.ToString(), e.State.ToString(),
        e.LoadBytes, e.TokenCount, e.Owns, e.HostId);
}
