namespace Sibyl.Server;

/// <summary>Where a connection is in its handshake (Cassandra's ConnectionStage).</summary>
public enum ConnectionStage
{
    /// <summary>Only OPTIONS and STARTUP are accepted.</summary>
    Established,

    /// <summary>STARTUP answered with AUTHENTICATE; only AUTH_RESPONSE is accepted.</summary>
    Authenticating,

    Ready,
}
