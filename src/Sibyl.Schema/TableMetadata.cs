using System.Collections.Immutable;
using Sibyl.Data.Model;

namespace Sibyl.Schema;

/// <summary>
/// An immutable table definition. Columns are held in three orders: the primary key in declaration order,
/// and the others sorted by name as Cassandra orders regular and static columns.
/// </summary>
public sealed partial class TableMetadata
{
    public TableMetadata(
        string keyspace,
        string name,
        Guid id,
        IReadOnlyList<ColumnMetadata> columns,
        TableParams parameters,
        bool isVirtual = false,
        bool isCounter = false,
        ImmutableSortedDictionary<string, DroppedColumn>? droppedColumns = null)
    {
        Keyspace = keyspace;
        Name = name;
        Id = id;
        Params = parameters;
        IsVirtual = isVirtual;
        IsCounter = isCounter;
        DroppedColumns = droppedColumns ?? ImmutableSortedDictionary.Create<string, DroppedColumn>(StringComparer.Ordinal);
        Columns = columns.ToImmutableDictionary(c => c.Name, StringComparer.Ordinal);
        PartitionKeyColumns = [.. columns.Where(c => c.Kind == ColumnKind.PartitionKey).OrderBy(c => c.Position)];
        ClusteringColumns = [.. columns.Where(c => c.Kind == ColumnKind.Clustering).OrderBy(c => c.Position)];
        StaticColumns = [.. columns.Where(c => c.Kind == ColumnKind.Static).OrderBy(c => c.Name, StringComparer.Ordinal)];
        RegularColumns = [.. columns.Where(c => c.Kind == ColumnKind.Regular).OrderBy(c => c.Name, StringComparer.Ordinal)];
        AllColumnsInSelectOrder = [.. PartitionKeyColumns, .. ClusteringColumns, .. StaticColumns, .. RegularColumns];
        Comparator = new ClusteringComparator(
            [.. ClusteringColumns.Select(c => c.Type)],
            [.. ClusteringColumns.Select(c => c.IsReversed)]);
    }

    public string Keyspace { get; }
    public string Name { get; }
    public Guid Id { get; }
    public TableParams Params { get; }
    public bool IsVirtual { get; }
    public bool IsCounter { get; }
    public ImmutableDictionary<string, ColumnMetadata> Columns { get; }
    public ImmutableArray<ColumnMetadata> PartitionKeyColumns { get; }
    public ImmutableArray<ColumnMetadata> ClusteringColumns { get; }
    public ImmutableArray<ColumnMetadata> StaticColumns { get; }
    public ImmutableArray<ColumnMetadata> RegularColumns { get; }
    public ImmutableSortedDictionary<string, DroppedColumn> DroppedColumns { get; }

    /// <summary>The order of SELECT *: partition key, clustering, static columns by name, then regular columns by name.</summary>
    public ImmutableArray<ColumnMetadata> AllColumnsInSelectOrder { get; }

    public ClusteringComparator Comparator { get; }

    public bool HasStaticColumns => StaticColumns.Length > 0;

    public ColumnMetadata? GetColumn(string name) => Columns.GetValueOrDefault(name);

    public string QualifiedName => $"{Keyspace}.{Name}";

    public TableMetadata WithParams(TableParams parameters) =>
        new(Keyspace, Name, Id, [.. Columns.Values], parameters, IsVirtual, IsCounter, DroppedColumns) { Indexes = Indexes, View = View, IsCompactStorage = IsCompactStorage };

    public TableMetadata WithColumns(IReadOnlyList<ColumnMetadata> columns, ImmutableSortedDictionary<string, DroppedColumn> dropped) =>
        new(Keyspace, Name, Id, columns, Params, IsVirtual, IsCounter, dropped) { Indexes = Indexes, View = View, IsCompactStorage = IsCompactStorage };

    /// <summary>Set when this table is a materialized view: its base table and WHERE clause.</summary>
    public ViewMetadata? View { get; init; }

    public bool IsView => View is not null;

    /// <summary>The table's secondary indexes, sorted by name.</summary>
    public ImmutableArray<IndexMetadata> Indexes { get; init; } = [];

    public TableMetadata WithIndexes(IEnumerable<IndexMetadata> indexes) =>
        new(Keyspace, Name, Id, [.. Columns.Values], Params, IsVirtual, IsCounter, DroppedColumns)
        {
            Indexes = [.. indexes.OrderBy(i => i.Name, StringComparer.Ordinal)],
            View = View,
            IsCompactStorage = IsCompactStorage,
        };

    public override string ToString() => QualifiedName;
}

/// <summary>A column removed by ALTER TABLE DROP: data written before <see cref="DroppedTime"/> stays invisible.</summary>
public sealed record DroppedColumn(string Name, Sibyl.Data.Types.CqlType Type, ColumnKind Kind, long DroppedTime);
