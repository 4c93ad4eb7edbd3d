using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Sibyl.Cql.Statements;

namespace Sibyl.Coordinator;

/// <summary>
/// Prepared statements by id. The id is Cassandra's: MD5 of the keyspace name followed by the query string
/// (just the query when no keyspace is set), so drivers see the same ids as from Cassandra.
/// </summary>
public sealed class PreparedStatementCache
{
    // Keyed by the 16 id bytes as a Guid: looking up an EXECUTE then allocates nothing.
    private readonly ConcurrentDictionary<Guid, Prepared> _byId = new();
    private readonly int _capacity;

    public PreparedStatementCache(int capacity = 100_000) => _capacity = capacity;

    public sealed record Prepared(byte[] Id, string Query, string? Keyspace, CqlStatement Statement);

    public static byte[] ComputeId(string query, string? keyspace) =>
        MD5.HashData(Encoding.UTF8.GetBytes((keyspace ?? "") + query));

    public Prepared Add(string query, string? keyspace, CqlStatement statement)
    {
        var id = ComputeId(query, keyspace);
        var prepared = new Prepared(id, query, keyspace, statement);
        if (_byId.Count >= _capacity) _byId.Clear(); // crude bound: drivers re-prepare on Unprepared
        _byId[new Guid(id)] = prepared;
        return prepared;
    }

    /// <summary>The statement prepared under this id; null for unknown ids, including any not 16 bytes long.</summary>
    public Prepared? Get(byte[] id) => id.Length == 16 && _byId.TryGetValue(new Guid(id), out var prepared) ? prepared : null;

    /// <summary>Schema changes can invalidate prepared statements; dropping them all makes drivers re-prepare.</summary>
    public void Clear() => _byId.Clear();
}
