namespace Sibyl.Client;

/// <summary>Entry point of the client: connects to a cluster and returns a session that routes requests to its hosts.</summary>
public static class CqlCluster
{
    /// <summary>
    /// Connects to the first contact point that answers, discovers the other hosts and their tokens from
    /// system.local and system.peers, and opens <see cref="CqlClusterOptions.ConnectionsPerHost"/> connections to each.
    /// </summary>
    public static Task<CqlSession> ConnectAsync(CqlClusterOptions options, CancellationToken cancellationToken = default) =>
        CqlSession.ConnectAsync(options, cancellationToken);
}
