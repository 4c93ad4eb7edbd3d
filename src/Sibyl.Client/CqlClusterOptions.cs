using Sibyl.Common.Errors;

namespace Sibyl.Client;

/// <summary>Settings of a <see cref="CqlSession"/>. Immutable once the session is connected.</summary>
public sealed record CqlClusterOptions
{
    /// <summary>Host names or addresses tried in order until one answers; the others are found in system.peers.</summary>
    public IReadOnlyList<string> ContactPoints { get; init; } = ["127.0.0.1"];

    public int Port { get; init; } = 9042;

    /// <summary>Native protocol version; only v4 is spoken.</summary>
    public byte ProtocolVersion { get; init; } = 4;

    public CqlCompression Compression { get; init; } = CqlCompression.None;

    /// <summary>Connections opened to each host; requests go to the one with the fewest in flight.</summary>
    public int ConnectionsPerHost { get; init; } = 1;

    /// <summary>Stream ids per connection (v4 allows 32768).</summary>
    public int MaxRequestsPerConnection { get; init; } = 32768;

    /// <summary>How long a request may wait for its response before failing with <see cref="TimeoutException"/>.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(12);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ConsistencyLevel DefaultConsistency { get; init; } = ConsistencyLevel.LocalOne;

    /// <summary>Rows per page when a request does not say; 0 or less disables paging.</summary>
    public int DefaultPageSize { get; init; } = 5000;

    /// <summary>Keyspace every connection switches to (USE) after its handshake; null for none.</summary>
    public string? Keyspace { get; init; }

    public RoutingPolicy Routing { get; init; } = RoutingPolicy.TokenAware;

    /// <summary>Maximum frame size accepted from the server (Cassandra's native_transport_max_frame_size: 16 MiB by default, 256 MiB cap).</summary>
    public int MaxFrameLength { get; init; } = 256 * 1024 * 1024;
}
