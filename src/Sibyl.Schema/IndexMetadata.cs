using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Sibyl.Schema;

/// <summary>system_schema.indexes.kind: COMPOSITES for native secondary indexes, CUSTOM for USING 'class'.</summary>
public enum IndexKind
{
    Keys,
    Custom,
    Composites,
}

/// <summary>What of a column an index holds (Cassandra's IndexTarget.Type).</summary>
public enum IndexTargetType
{
    /// <summary>The value of a non-collection column.</summary>
    Simple,

    /// <summary>The elements of a list or set, the values of a map.</summary>
    Values,

    /// <summary>The keys of a map.</summary>
    Keys,

    /// <summary>The (key, value) entries of a map.</summary>
    Entries,

    /// <summary>A whole frozen collection.</summary>
    Full,
}

/// <summary>
/// One secondary index of a table, as system_schema.indexes shows it (name, kind, options with 'target' and,
/// for custom indexes, 'class_name'). <see cref="Id"/> names the hidden table holding its entries: it is fixed
/// when the index is created, so a dropped and re-created index never meets the old one's files.
/// </summary>
public sealed partial record IndexMetadata(string Name, IndexKind Kind, ImmutableSortedDictionary<string, string> Options, Guid Id)
{
    public const string TargetOption = "target";
    public const string ClassNameOption = "class_name";
    public const string StorageAttachedIndexClass = "org.apache.cassandra.index.sai.StorageAttachedIndex";

    /// <summary>The indexed column (unquoted) and what of it is indexed, parsed from the 'target' option.</summary>
    public (string Column, IndexTargetType Type) Target => ParseTarget(Options.GetValueOrDefault(TargetOption, ""));

    /// <summary>A storage-attached index (Cassandra 5.0's SAI): ordered by value, so ranges are slices.</summary>
    public bool IsStorageAttached => Kind == IndexKind.Custom && Options.GetValueOrDefault(ClassNameOption) == StorageAttachedIndexClass;

    /// <summary>Same kind and options (Cassandra's equalsWithoutName): a duplicate index under another name.</summary>
    public bool EqualsWithoutName(IndexMetadata other) =>
        Kind == other.Kind && Options.Count == other.Options.Count
        && Options.All(kv => other.Options.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>The partition key of an index entry: the indexed value (a map entry's key and value), as a
    /// composite so that an empty value still makes a valid key.</summary>
    public static byte[] EntryKey(params byte[][] parts) => Sibyl.Data.Partitioning.CompositeKey.Build(parts);

    public static string TargetString(string column, IndexTargetType type)
    {
        string quoted = Identifiers.Quote(column);
        return type switch
        {
            IndexTargetType.Simple => quoted,
            IndexTargetType.Values => $"values({quoted})",
            IndexTargetType.Keys => $"keys({quoted})",
            IndexTargetType.Entries => $"entries({quoted})",
            _ => $"full({quoted})",
        };
    }

    public static (string Column, IndexTargetType Type) ParseTarget(string target)
    {
        var match = TargetPattern().Match(target);
        if (!match.Success) return (Unquote(target), IndexTargetType.Simple);
        var type = match.Groups[1].Value switch
        {
            "values" => IndexTargetType.Values,
            "keys" => IndexTargetType.Keys,
            "entries" => IndexTargetType.Entries,
            _ => IndexTargetType.Full,
        };
        return (Unquote(match.Groups[2].Value), type);
    }

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] == '"' && name[^1] == '"' ? name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : name;

    /// <summary>Cassandra's default name: table_column_idx with non-word characters removed.</summary>
    public static string DefaultName(string table, string? column) =>
        NonWordCharacters().Replace(column is null ? table + "_idx" : table + "_" + column + "_idx", "");

    public static bool IsValidName(string name) => name.Length > 0 && WordCharacters().IsMatch(name);

    [GeneratedRegex(@"^(values|keys|entries|full)\((.+)\)$")]
    private static partial Regex TargetPattern();

    [GeneratedRegex(@"\W", RegexOptions.ECMAScript)]
    private static partial Regex NonWordCharacters();

    [GeneratedRegex(@"^\w+$", RegexOptions.ECMAScript)]
    private static partial Regex WordCharacters();
}
