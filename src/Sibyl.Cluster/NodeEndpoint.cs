using System.Net;

namespace Sibyl.Cluster;

/// <summary>A node of the ring as replica placement sees it: identity, address and location.</summary>
public sealed record NodeEndpoint(Guid HostId, IPAddress Address, string Datacenter, string Rack);
