using System.Net;

namespace Sibyl.Server;

/// <summary>Settings of the CQL listener and its connections (Cassandra's native_transport_* equivalents).</summary>
public sealed class CqlServerOptions
{
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>0 picks a free port (tests); read the actual one from <see cref="CqlServer.LocalEndPoint"/>.</summary>
    public int Port { get; init; } = 9042;

    /// <summary>Largest accepted frame, header included (native_transport_max_frame_size, 256 MiB by default).</summary>
    public int MaxFrameLength { get; init; } = 256 * 1024 * 1024;

    /// <summary>Requests executing at once on one connection; past it requests get Overloaded.</summary>
    public int MaxInFlightRequestsPerConnection { get; init; } = 2048;

    /// <summary>The CQL version in SUPPORTED (Cassandra 5.0's value).</summary>
    public string CqlVersion { get; init; } = "3.4.7";

    public IAuthenticator Authenticator { get; init; } = AllowAllAuthenticator.Instance;
}
