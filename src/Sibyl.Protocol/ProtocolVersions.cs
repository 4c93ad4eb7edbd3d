namespace Sibyl.Protocol;

/// <summary>The native protocol versions this node speaks; v3 and v4 share one envelope layout.</summary>
public static class ProtocolVersions
{
    public const byte V3 = 3;
    public const byte V4 = 4;
    public const byte V5 = 5;
    public const byte Min = V3;
    public const byte Max = V4;

    /// <summary>The SUPPORTED/PROTOCOL_VERSIONS strings, in Cassandra's "num/descr" form.</summary>
    public static readonly IReadOnlyList<string> Names = ["3/v3", "4/v4"];

    public static bool IsSupported(int version) => version is >= Min and <= Max;

    /// <summary>Cassandra's text for an unsupported version; drivers look for "unsupported protocol version" in it to downgrade.</summary>
    public static string InvalidVersionMessage(int version) =>
        $"Invalid or unsupported protocol version ({version}); supported versions are ({string.Join(", ", Names)})";
}
