using System.Collections.Immutable;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>ALTER TABLE: add, drop and rename columns, change options (Cassandra 4's AlterTableStatement rules).</summary>
public sealed class AlterTableStatement(string keyspace, RawAlterTableStatement raw) : SchemaStatement
{
    protected override SchemaChangeResult Change => new(SchemaChangeType.Updated, SchemaChangeTarget.Table, keyspace, raw.Table.Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        var ks = schema.GetKeyspace(keyspace);
        if (ks is null)
        {
            if (raw.IfExists) return schema;
            throw new InvalidRequestException($"Keyspace '{keyspace}' doesn't exist");
        }
        RefuseSystemKeyspace(keyspace, "ALTER", TableResource(keyspace, raw.Table.Name));
        var table = ks.GetTable(raw.Table.Name);
        if (table is null)
        {
            if (raw.IfExists) return schema;
            throw new InvalidRequestException($"Table '{keyspace}.{raw.Table.Name}' doesn't exist");
        }
        ViewSchema.CheckAlterTable(table);
        var altered = raw.Kind switch
        {
            AlterTableKind.AddColumns => AddColumns(ks, table),
            AlterTableKind.DropColumns => DropColumns(table),
            AlterTableKind.RenameColumns => RenameColumns(table),
            AlterTableKind.WithProperties => table.WithParams(table.Params.With(Properties.Of(raw.Properties))),
            AlterTableKind.AlterColumnType => throw new InvalidRequestException("Altering column types is no longer supported"),
            AlterTableKind.DropCompactStorage => CompactTables.DropCompactStorage(table),
            // Cassandra 5.0 with its default dynamic_data_masking_enabled: false refuses masks; with none, dropping one changes nothing.
            AlterTableKind.AlterColumnMask when raw.NewMask is not null => throw new InvalidRequestException(
                "Cannot mask columns because dynamic data masking is not enabled. You can enable it with the dynamic_data_masking_enabled property on cassandra.yaml"),
            AlterTableKind.AlterColumnMask when raw.IfColumnExists || table.GetColumn(raw.AlteredColumn!) is not null => table,
            AlterTableKind.AlterColumnMask => throw new InvalidRequestException($"Column {raw.AlteredColumn} was not found in table {table.Name}"),
            _ => throw new InvalidRequestException($"ALTER TABLE {raw.Kind} is not supported"),
        };
        if (ReferenceEquals(altered, table)) return schema;
        return schema.With(ViewSchema.WithAlteredBase(ks, table, altered), "alter table " + table.QualifiedName);
    }

    private TableMetadata AddColumns(KeyspaceMetadata ks, TableMetadata table)
    {
        var columns = table.Columns.Values.ToList();
        var dropped = table.DroppedColumns;
        bool changed = false;
        foreach (var def in raw.AddedColumns)
        {
            var type = TypeResolver.Resolve(def.Type, ks);
            if (table.IsCompactStorage) CompactTables.CheckAdd(table, def, type);
            if (table.GetColumn(def.Name) is not null)
            {
                if (raw.IfColumnNotExists) continue;
                throw new InvalidRequestException($"Column with name '{def.Name}' already exists");
            }
            if (def.IsStatic && table.ClusteringColumns.Length == 0)
                throw new InvalidRequestException("Static columns are only useful (and thus allowed) if the table has at least one clustering column");
            if (type.IsCounter != table.IsCounter)
                throw new InvalidRequestException(table.IsCounter ? "Cannot add a non counter column (" + def.Name + ") in a counter column family" : "Cannot add a counter column (" + def.Name + ") in a non counter column family");
            // Element cells of the dropped collection would be read with the new type's comparators (Cassandra 3.x rule).
            if (dropped.TryGetValue(def.Name, out var previous)
                && (previous.Type.IsMultiCell != type.IsMultiCell || (type.IsMultiCell && previous.Type.CqlName != type.CqlName)))
                throw new InvalidRequestException($"Cannot re-add previously dropped column '{def.Name}' of type {type.CqlName}, incompatible with previous type {previous.Type.CqlName}");
            if (previous is not null && (previous.Kind == ColumnKind.Static) != def.IsStatic)
                throw new InvalidRequestException($"Cannot re-add previously dropped column '{def.Name}' of kind {(def.IsStatic ? "STATIC" : "REGULAR")}, incompatible with previous kind {(previous.Kind == ColumnKind.Static ? "STATIC" : "REGULAR")}");
            columns.Add(new ColumnMetadata(def.Name, type, def.IsStatic ? ColumnKind.Static : ColumnKind.Regular, -1, ClusteringOrder.None));
            changed = true;
        }
        return changed ? table.WithColumns(columns, dropped) : table;
    }

    private TableMetadata DropColumns(TableMetadata table)
    {
        var columns = table.Columns.Values.ToList();
        var dropped = table.DroppedColumns;
        CompactTables.CheckDrop(table);
        // Microseconds, like write timestamps: a millisecond-rounded drop time would let a write made earlier in
        // the same millisecond reappear when a column of that name is added again.
        long timestamp = raw.DropTimestamp ?? (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
        bool changed = false;
        foreach (var name in raw.DroppedColumns)
        {
            var column = table.GetColumn(name);
            if (column is null)
            {
                if (raw.IfColumnExists) continue;
                throw new InvalidRequestException($"Column {name} was not found in table {table.Name}");
            }
            if (column.IsPrimaryKey)
                throw new InvalidRequestException($"Cannot drop PRIMARY KEY column {name}");
            IndexNames.RefuseDependentIndexes(table, name, "Cannot drop");
            columns.RemoveAll(c => c.Name == name);
            dropped = dropped.SetItem(name, new DroppedColumn(name, column.Type, column.Kind, timestamp));
            changed = true;
        }
        return changed ? table.WithColumns(columns, dropped) : table;
    }

    private TableMetadata RenameColumns(TableMetadata table)
    {
        var columns = table.Columns.Values.ToDictionary(c => c.Name, StringComparer.Ordinal);
        bool changed = false;
        foreach (var rename in raw.Renames)
        {
            if (!columns.TryGetValue(rename.From, out var column))
            {
                if (raw.IfColumnExists) continue;
                throw new InvalidRequestException($"Column {rename.From} was not found in table {table.QualifiedName}");
            }
            if (!column.IsPrimaryKey)
                throw new InvalidRequestException($"Cannot rename non PRIMARY KEY column {rename.From}");
            IndexNames.RefuseDependentIndexes(table, rename.From, "Can't rename");
            if (columns.ContainsKey(rename.To))
                throw new InvalidRequestException($"Cannot rename column {rename.From} to {rename.To} in table '{table.Name}'; another column with that name already exists");
            columns.Remove(rename.From);
            columns[rename.To] = column with { Name = rename.To };
            changed = true;
        }
        return changed ? table.WithColumns([.. columns.Values], table.DroppedColumns) : table;
    }
}
