using System.Net;

namespace Sibyl.Coordinator;

/// <summary>
/// Per-connection state the coordinator needs: current keyspace (USE), protocol version, authenticated user,
/// client address and the driver's identity from STARTUP. Written only by its connection (and by the query
/// processor while executing that connection's USE); concurrent requests of the connection read it.
/// </summary>
public sealed class ClientState
{
    private volatile string? _keyspace;

    public ClientState(EndPoint? remoteAddress, byte protocolVersion)
    {
        RemoteAddress = remoteAddress;
        ProtocolVersion = protocolVersion;
    }

    public EndPoint? RemoteAddress { get; }

    /// <summary>The native protocol version of the connection (fixed by its first frame).</summary>
    public byte ProtocolVersion { get; }

    /// <summary>The keyspace set by USE, or null.</summary>
    public string? Keyspace
    {
        get => _keyspace;
        set => _keyspace = value;
    }

    /// <summary>The user authenticated by the SASL handshake; null when no authenticator is configured.</summary>
    public string? User { get; set; }

    public string? DriverName { get; set; }

    public string? DriverVersion { get; set; }

    /// <summary>The STARTUP COMPRESSION option, or null.</summary>
    public string? Compression { get; set; }
}
