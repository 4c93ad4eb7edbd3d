using Sibyl.Data.Types;

namespace Sibyl.Schema.SystemTables;

/// <summary>A terse way to declare the node's own tables, with Cassandra's fixed ids for system tables.</summary>
internal sealed class TableBuilder(string keyspace, string name)
{
    private readonly List<ColumnMetadata> _columns = [];
    private int _pk;
    private int _ck;

    public TableBuilder Pk(string column, CqlType type)
    {
        _columns.Add(new ColumnMetadata(column, type, ColumnKind.PartitionKey, _pk++, ClusteringOrder.None));
        return this;
    }

    public TableBuilder Ck(string column, CqlType type)
    {
        _columns.Add(new ColumnMetadata(column, type, ColumnKind.Clustering, _ck++, ClusteringOrder.Asc));
        return this;
    }

    public TableBuilder Col(string column, CqlType type)
    {
        _columns.Add(new ColumnMetadata(column, type, ColumnKind.Regular, -1, ClusteringOrder.None));
        return this;
    }

    public TableMetadata Build(bool isVirtual = false, string comment = "") =>
        Build(TableParams.Default with { Comment = comment, GcGraceSeconds = 0 }, isVirtual);

    public TableMetadata Build(TableParams tableParams, bool isVirtual = false) =>
        new(keyspace, name, SystemTableId(keyspace, name), _columns, tableParams, isVirtual);

    /// <summary>Cassandra's TableId.forSystemTable: a name-based UUID of the keyspace and table names.</summary>
    public static Guid SystemTableId(string keyspace, string table) =>
        NameBasedUuid.Create(System.Text.Encoding.UTF8.GetBytes(keyspace + table));
}
