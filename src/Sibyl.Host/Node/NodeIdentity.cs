using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

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
            var json = JsonNode.Parse(File.ReadAllText(path))!;
            var hostId = Guid.Parse(json["host_id"]!.GetValue<string>());
            var tokens = json["tokens"]!.AsArray().Select(t => long.Parse(t!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
            return new NodeIdentity(hostId, tokens);
        }
        var identity = new NodeIdentity(Guid.NewGuid(), initialTokens is { Count: > 0 } ? initialTokens : RandomTokens(numTokens));
        identity.Save(path);
        return identity;
    }

    private static List<long> RandomTokens(int count)
    {
        var tokens = new SortedSet<long>();
        Span<byte> bytes = stackalloc byte[8];
        while (tokens.Count < Math.Max(1, count))
        {
            RandomNumberGenerator.Fill(bytes);
            long token = BitConverter.ToInt64(bytes);
            if (token != long.MinValue) tokens.Add(token);
        }
        return [.. tokens];
    }

    private void Save(string path)
    {
        var json = new JsonObject
        {
            ["host_id"] = HostId.ToString(),
            ["tokens"] = new JsonArray([.. Tokens.Select(t => (JsonNode)JsonValue.Create(t.ToString(CultureInfo.InvariantCulture))!)]),
        };
        // Written under a temporary name and moved into place, so a crash never leaves half a file.
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, path, overwrite: true);
    }
}
