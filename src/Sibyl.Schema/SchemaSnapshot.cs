using System.Collections.Immutable;
using System.Text;

namespace Sibyl.Schema;

/// <summary>
/// One immutable version of the whole schema. Readers take a snapshot and keep it for the length of a
/// request; changes produce a new snapshot with a new <see cref="Version"/>.
/// </summary>
public sealed class SchemaSnapshot
{
    private readonly ImmutableDictionary<Guid, TableMetadata> _tablesById;

    public SchemaSnapshot(ImmutableSortedDictionary<string, KeyspaceMetadata> keyspaces, Guid version)
    {
        Keyspaces = keyspaces;
        Version = version;
        var byId = ImmutableDictionary.CreateBuilder<Guid, TableMetadata>();
        foreach (var ks in keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                byId[t.Id] = t;
        _tablesById = byId.ToImmutable();
    }

    public static readonly SchemaSnapshot Empty =
        new(ImmutableSortedDictionary.Create<string, KeyspaceMetadata>(StringComparer.Ordinal), Guid.Empty);

    public ImmutableSortedDictionary<string, KeyspaceMetadata> Keyspaces { get; }

    /// <summary>system.local.schema_version: changes with every schema change.</summary>
    public Guid Version { get; }

    public KeyspaceMetadata? GetKeyspace(string name) => Keyspaces.GetValueOrDefault(name);

    public TableMetadata? GetTable(string keyspace, string table) => GetKeyspace(keyspace)?.GetTable(table);

    public TableMetadata? GetTable(Guid id) => _tablesById.GetValueOrDefault(id);

    /// <summary>A new snapshot with one keyspace replaced (or added), and a new version derived from the
    /// previous version and the change, so every change yields a distinct version.</summary>
    public SchemaSnapshot With(KeyspaceMetadata keyspace, string change) =>
        new(Keyspaces.SetItem(keyspace.Name, keyspace), NextVersion(change));

    public SchemaSnapshot Without(string keyspace, string change) =>
        new(Keyspaces.Remove(keyspace), NextVersion(change));

    private Guid NextVersion(string change)
    {
        // A name-based (version 3) UUID, as Cassandra's schema digest is.
        return NameBasedUuid.Create(Encoding.UTF8.GetBytes(Version.ToString() + "|" + change + "|" + Environment.TickCount64));
    }
}
