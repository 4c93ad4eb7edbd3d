namespace Sibyl.Common.Errors;

/// <summary>The query is invalid because of a configuration issue (code 0x2300).</summary>
public sealed class ConfigurationException : RequestException
{
    public ConfigurationException(string message) : base(ErrorCode.ConfigError, message) { }

    public ConfigurationException(string message, Exception? inner) : base(ErrorCode.ConfigError, message, inner) { }
}
