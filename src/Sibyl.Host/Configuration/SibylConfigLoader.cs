using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sibyl.Host.Configuration;

/// <summary>
/// Builds a <see cref="SibylConfig"/>: defaults, then sibyl.yaml, then command-line overrides, then
/// directories derived from the data directory. Every unknown setting and invalid value is collected
/// and reported together in one <see cref="ConfigurationException"/>.
/// </summary>
public static class SibylConfigLoader
{
    public static SibylConfig Load(string? yamlPath, ConfigOverrides overrides)
    {
        if (yamlPath is null)
            return Parse("", overrides);
        string text;
        try
        {
            text = File.ReadAllText(yamlPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"Cannot read configuration file '{yamlPath}': {e.Message}", e);
        }
        return Parse(text, overrides);
    }

    public static SibylConfig Parse(string yaml, ConfigOverrides overrides)
    {
        Dictionary<string, object?> settings = ReadYaml(yaml);
        var errors = new List<string>();
        var config = new SibylConfig();
        foreach ((string name, object? value) in settings)
        {
            if (!ConfigSettings.All.TryGetValue(name, out ConfigSettings.Setting? setting))
            {
                errors.Add($"Invalid yaml: unknown setting '{name}'");
                continue;
            }
            if (setting.ReplacedBy is string newName && settings.ContainsKey(newName))
            {
                errors.Add($"Invalid yaml: both '{name}' and its replacement '{newName}' are set");
                continue;
            }
            if (value is null)
                continue; // "initial_token:" with nothing after it means the default, as in Cassandra
            try
            {
                config = setting.Apply(config, value);
            }
            catch (InvalidSettingValueException e)
            {
                errors.Add($"Invalid value for '{name}': '{ConfigValues.Display(value)}' ({e.Message})");
            }
        }

        if (!settings.ContainsKey("rpc_address"))
            config = config with { RpcAddress = config.ListenAddress };
        config = ApplyOverrides(config, overrides, errors);
        Validate(config, errors);
        if (errors.Count > 0)
            throw new ConfigurationException(errors);
        return DeriveDirectories(config);
    }

    private static SibylConfig ApplyOverrides(SibylConfig config, ConfigOverrides o, List<string> errors)
    {
        if (o.DataDirectory is not null)
            config = config with { DataDirectory = Path.GetFullPath(o.DataDirectory) };
        if (o.NativeTransportPort is int port)
            config = config with { NativeTransportPort = port };
        if (o.AdminPort is int adminPort)
            config = config with { AdminPort = adminPort };
        if (o.ListenAddress is not null)
        {
            try
            {
                string address = ConfigValues.Address(o.ListenAddress);
                config = config with { ListenAddress = address, RpcAddress = address };
            }
            catch (InvalidSettingValueException e)
            {
                errors.Add($"Invalid value for '--listen': '{o.ListenAddress}' ({e.Message})");
            }
        }
        return config;
    }

    private static void Validate(SibylConfig c, List<string> errors)
    {
        if (c.InitialTokens.Count > 0 && c.InitialTokens.Count != c.NumTokens)
            errors.Add($"The number of initial tokens (by initial_token) specified ({c.InitialTokens.Count}) is different from num_tokens value ({c.NumTokens})");
        if (c.TombstoneWarnThreshold > c.TombstoneFailureThreshold)
            errors.Add($"tombstone_warn_threshold ({c.TombstoneWarnThreshold}) must not exceed tombstone_failure_threshold ({c.TombstoneFailureThreshold})");
        if (c.CommitLogSync == CommitLogSyncMode.Periodic && c.CommitLogSyncPeriod <= TimeSpan.Zero)
            errors.Add("Missing value for 'commitlog_sync_period': commitlog_sync is periodic");
        if (c.CommitLogSync == CommitLogSyncMode.Group && c.CommitLogSyncGroupWindow <= TimeSpan.Zero)
            errors.Add("Missing value for 'commitlog_sync_group_window': commitlog_sync is group");
        if (c.NativeTransportPort == c.AdminPort)
            errors.Add($"native_transport_port and admin_port are both {c.AdminPort}");
    }

    private static SibylConfig DeriveDirectories(SibylConfig c) => c with
    {
        DataFileDirectories = c.DataFileDirectories.Count > 0 ? c.DataFileDirectories : [Path.Combine(c.DataDirectory, "data")],
        CommitLogDirectory = c.CommitLogDirectory.Length > 0 ? c.CommitLogDirectory : Path.Combine(c.DataDirectory, "commitlog"),
        HintsDirectory = c.HintsDirectory.Length > 0 ? c.HintsDirectory : Path.Combine(c.DataDirectory, "hints"),
        SavedCachesDirectory = c.SavedCachesDirectory.Length > 0 ? c.SavedCachesDirectory : Path.Combine(c.DataDirectory, "saved_caches"),
    };

    /// <summary>YAML to plain values: maps, lists, and scalars as strings (null for ~, null or nothing).</summary>
    private static Dictionary<string, object?> ReadYaml(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"Invalid yaml: {e.Message} at line {e.Start.Line}, column {e.Start.Column}", e);
        }
        if (stream.Documents.Count == 0)
            return [];
        if (stream.Documents.Count > 1)
            throw new ConfigurationException("Invalid yaml: expected a single document");
        YamlNode root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" })
            return [];
        return ToValue(root) as Dictionary<string, object?>
            ?? throw new ConfigurationException("Invalid yaml: expected a mapping of setting names to values");
    }

    private static object? ToValue(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach ((YamlNode key, YamlNode value) in map.Children)
                {
                    string name = (key as YamlScalarNode)?.Value
                        ?? throw new ConfigurationException($"Invalid yaml: a setting name must be a plain string (line {key.Start.Line})");
                    result[name] = ToValue(value);
                }
                return result;
            case YamlSequenceNode seq:
                return seq.Children.Select(ToValue).ToList();
            case YamlScalarNode scalar:
                if (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL")
                    return null;
                return scalar.Value ?? "";
            default:
                throw new ConfigurationException($"Invalid yaml: unsupported node at line {node.Start.Line}");
        }
    }
}
