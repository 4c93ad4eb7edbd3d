namespace Sibyl.Admin;

public enum EndpointLiveness { Up, Down }

public enum EndpointState { Normal, Leaving, Joining, Moving }

/// <summary>One row of nodetool status.</summary>
/// <param name="Owns">Effective ownership as a fraction in [0, 1], or null when unknown.</param>
public sealed record EndpointStatus(
    string Address,
    string Datacenter,
    string Rack,
    EndpointLiveness Liveness,
    EndpointState State,
    long? LoadBytes,
    int TokenCount,
    double? Owns,
    Guid HostId);
