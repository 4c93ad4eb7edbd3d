using System.Reflection;

namespace Sibyl.Host.Lifecycle;

/// <summary>Version strings: Sibyl's own, and the Cassandra release it answers as.</summary>
public static class SibylVersion
{
    /// <summary>What release_version and nodetool version report; drivers pick features from it.</summary>
    public const string CassandraReleaseVersion = "4.1.0";

    /// <summary>Sibyl's version from the assembly (the csproj's Version), without the source revision.</summary>
    public static string Current { get; } = Read();

    private static string Read()
    {
        string? v = typeof(SibylVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(v))
            return typeof(SibylVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        int plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? v[..plus] : v;
    }
}
