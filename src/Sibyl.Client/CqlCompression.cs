namespace Sibyl.Client;

/// <summary>Body compression a connection asks for in STARTUP.</summary>
public enum CqlCompression
{
    None,
    Lz4,
    Snappy,
}
