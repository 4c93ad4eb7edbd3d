namespace Sibyl.Storage.Tables;

/// <summary>
/// Finds the <see cref="TableStore"/>s of a node by keyspace and table name: what nodetool operations
/// (flush, compact, snapshot, tablestats ...) need. The storage engine that owns the stores implements it.
/// </summary>
public interface ITableStoreRegistry
{
    /// <summary>Every table store, user and system keyspaces alike.</summary>
    IReadOnlyCollection<TableStore> TableStores { get; }

    /// <summary>The store of one table, or null when the keyspace or table is unknown.</summary>
    TableStore? FindTableStore(string keyspace, string table);
}
