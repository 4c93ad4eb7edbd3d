using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Sibyl.Host.Node;

/// <summary>
/// The node's lasting identity: its host id and tokens, chosen at first start and kept in the data
/// directory so that a restarted node is the same member of the ring (Cassandra keeps them in system.local).
/// </summary>
public sealed record NodeIdentity(Guid HostId, IReadOnlyList<long> Tokens)
{
    public const string FileName = "node-identity.json";

    public static NodeIdentity LoadOrCreate(string dataDirectory, int numTokens, IReadOnlyList<long>? initialTokens)
    {
        Directory.CreateDirectory(dataDirectory);
        string path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            // JsonDocument and Utf8JsonWriter, not JsonNode and the serializer: their first use costs tens of
            // milliseconds of start-up.
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var hostId = Guid.Parse(json.RootElement.GetProperty("host_id").GetString()!);
            var tokens = new List<long>();
            foreach (var t in json.RootElement.GetProperty("tokens").EnumerateArray())
                tokens.Add(long.Parse(t.GetString()!, CultureInfo.InvariantCulture));
            return new NodeIdentity(hostId, tokens);
        }
        var identity = new NodeIdentity(Guid.NewGuid(), initialTokens is { Count: > 0 } ? initialTokens : RandomTokens(numTokens));
        identity.Save(path);
        return identity;
    }

    /// <summary>Random tokens, as Cassandra's partitioner picks them (not secrets: no cryptographic generator,
    /// whose native library would take its own share of start-up).</summary>
    private static List<long> RandomTokens(int count)
    {
        var tokens = new SortedSet<long>();
        while (tokens.Count < Math.Max(1, count))
        {
            long token = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
            if (token != long.MinValue) tokens.Add(token);
        }
        return [.. tokens];
    }

    private void Save(string path)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("host_id", HostId.ToString());
            w.WriteStartArray("tokens");
            foreach (long t in Tokens) w.WriteStringValue(t.ToString(CultureInfo.InvariantCulture));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        // Written under a temporary name and moved into place, so a crash never leaves half a file.
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, buffer.WrittenSpan);
        File.Move(temporary, path, overwrite: true);
    }
}
