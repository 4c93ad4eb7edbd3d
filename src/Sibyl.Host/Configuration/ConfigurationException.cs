namespace Sibyl.Host.Configuration;

/// <summary>Refuses a start-up configuration; carries every problem found, one message each.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException() : this([]) { }
    public ConfigurationException(string message) : this([message]) { }
    public ConfigurationException(string message, Exception inner) : base(message, inner) => Errors = [message];

    public ConfigurationException(IReadOnlyList<string> errors) : base(string.Join(Environment.NewLine, errors)) =>
        Errors = errors;

    public IReadOnlyList<string> Errors { get; }
}
