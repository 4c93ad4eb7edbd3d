namespace Sibyl.Host.Configuration;

/// <summary>Command-line options of <c>sibyl start</c>; each one set wins over sibyl.yaml.</summary>
public sealed record ConfigOverrides
{
    public string? DataDirectory { get; init; }
    public int? NativeTransportPort { get; init; }
    public int? AdminPort { get; init; }
    /// <summary>--listen sets both listen_address and rpc_address.</summary>
    public string? ListenAddress { get; init; }
}
