using System.Collections.Immutable;
using Sibyl.Data.Types;

namespace Sibyl.Schema;

/// <summary>An immutable keyspace definition: replication, durable_writes, tables and user types.</summary>
public sealed record KeyspaceMetadata(
    string Name,
    ReplicationParams Replication,
    bool DurableWrites,
    ImmutableSortedDictionary<string, TableMetadata> Tables,
    ImmutableSortedDictionary<string, UserType> Types,
    bool IsVirtual = false)
{
    public static KeyspaceMetadata Create(string name, ReplicationParams replication, bool durableWrites, bool isVirtual = false) =>
        new(name, replication, durableWrites,
            ImmutableSortedDictionary.Create<string, TableMetadata>(StringComparer.Ordinal),
            ImmutableSortedDictionary.Create<string, UserType>(StringComparer.Ordinal),
            isVirtual);

    /// <summary>Keyspaces whose tables users may not alter.</summary>
    public bool IsSystem => SchemaConstants.IsSystemKeyspace(Name);

    public TableMetadata? GetTable(string name) => Tables.GetValueOrDefault(name);

    public KeyspaceMetadata WithTable(TableMetadata table) => this with { Tables = Tables.SetItem(table.Name, table) };

    public KeyspaceMetadata WithoutTable(string name) => this with { Tables = Tables.Remove(name) };

    public KeyspaceMetadata WithType(UserType type) => this with { Types = Types.SetItem(type.Name, type) };

    public KeyspaceMetadata WithoutType(string name) => this with { Types = Types.Remove(name) };
}
