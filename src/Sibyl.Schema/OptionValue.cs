namespace Sibyl.Schema;

/// <summary>
/// The value of a WITH option as the statement wrote it: a constant kept as its text (a string literal's
/// content, a number's digits, true/false) or a map of string constants (replication, compaction, ...).
/// </summary>
public sealed record OptionValue(string? Text, IReadOnlyDictionary<string, string>? Map)
{
    public static OptionValue Of(string text) => new(text, null);

    public static OptionValue Of(IReadOnlyDictionary<string, string> map) => new(null, map);

    public bool IsMap => Map is not null;

    public override string ToString() => Text ?? "{" + string.Join(", ", Map!.Select(kv => $"'{kv.Key}': '{kv.Value}'")) + "}";
}
