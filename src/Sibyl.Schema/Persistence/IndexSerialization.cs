using System.Collections.Immutable;
using System.Text.Json;

namespace Sibyl.Schema.Persistence;

/// <summary>A table's secondary indexes in schema.json: name, kind, options and the id of their hidden table.</summary>
internal static class IndexSerialization
{
    public static void Write(Utf8JsonWriter w, IEnumerable<IndexMetadata> indexes)
    {
        w.WriteStartArray("indexes");
        foreach (var index in indexes)
        {
            w.WriteStartObject();
            w.WriteString("name", index.Name);
            w.WriteString("kind", index.Kind.ToString().ToUpperInvariant());
            w.WriteString("id", index.Id.ToString("D"));
            w.WriteStartObject("options");
            foreach (var (k, v) in index.Options) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The indexes of a table element; none when the file predates indexes.</summary>
    public static ImmutableArray<IndexMetadata> Read(JsonElement table)
    {
        if (!table.TryGetProperty("indexes", out var array)) return [];
        var result = new List<IndexMetadata>();
        foreach (var e in array.EnumerateArray())
        {
            var options = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var p in e.GetProperty("options").EnumerateObject()) options[p.Name] = p.Value.GetString()!;
            result.Add(new IndexMetadata(e.GetProperty("name").GetString()!,
                Enum.Parse<IndexKind>(e.GetProperty("kind").GetString()!, ignoreCase: true), options.ToImmutable(),
                Guid.Parse(e.GetProperty("id").GetString()!)));
        }
        return [.. result.OrderBy(i => i.Name, StringComparer.Ordinal)];
    }
}
