namespace Sibyl.Coordinator.Batchlog;

/// <summary>
/// Named fault-injection points for crash tests, read once from the environment variable
/// <c>SIBYL_FAILPOINTS</c> (comma-separated names). Unset in production, so every check is a lookup in an
/// empty set. Points: <c>batchlog-after-write</c> — a logged batch's coordinator stops for good after writing
/// the batch log entry and before applying the batch (tests kill the process in that window).
/// </summary>
public sealed class Failpoints
{
    public const string EnvironmentVariable = "SIBYL_FAILPOINTS";
    public const string BatchlogAfterWrite = "batchlog-after-write";

    private readonly HashSet<string> _enabled;

    public Failpoints(IEnumerable<string> enabled) => _enabled = new HashSet<string>(enabled, StringComparer.Ordinal);

    public static readonly Failpoints None = new([]);

    public static Failpoints FromEnvironment() =>
        new((Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public bool IsEnabled(string name) => _enabled.Count > 0 && _enabled.Contains(name);

    /// <summary>When <paramref name="name"/> is enabled: says so on stderr (tests wait for the line) and never returns.</summary>
    public async ValueTask HangIfEnabledAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsEnabled(name)) return;
        await Console.Error.WriteLineAsync($"failpoint {name} reached").ConfigureAwait(false);
        await Console.Error.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
    }
}
