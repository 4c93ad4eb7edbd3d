using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>
/// The rules Cassandra 3.11 applies to COMPACT STORAGE tables in schema statements (CreateTableStatement,
/// AlterTableStatement and CFMetaData.asNonCompact), with its messages.
/// </summary>
internal static class CompactTables
{
    /// <summary>Cassandra 5.0's guardrail message when compact_tables_enabled is false.</summary>
    internal const string GuardrailMessage = "Guardrail compact_tables violated: Creation of new COMPACT STORAGE tables is not allowed";

    /// <summary>CREATE TABLE ... WITH COMPACT STORAGE: what 3.11 refuses because Thrift could not represent it.</summary>
    internal static void ValidateCreate(RawCreateTableStatement raw, IReadOnlyDictionary<string, (CqlType Type, bool IsStatic)> definitions, ISet<string> keyNames)
    {
        var others = new List<string>();
        foreach (var column in raw.Columns)
            if (!keyNames.Contains(column.Name) && !others.Contains(column.Name)) others.Add(column.Name);
        foreach (var name in others)
        {
            var type = definitions[name].Type;
            if (type.IsMultiCell && type is not UserType)
                throw new InvalidRequestException("Non-frozen collection types are not supported with COMPACT STORAGE");
        }
        foreach (var name in others)
            if (definitions[name].IsStatic)
                throw new InvalidRequestException("Static columns are not supported in COMPACT STORAGE tables");
        if (raw.ClusteringColumns.Count == 0)
        {
            if (others.Count == 0)
                throw new InvalidRequestException("No definition found that is not part of the PRIMARY KEY");
        }
        else if (others.Count > 1)
        {
            // 3.11 lists them in the order of its column map, which sorts by name bytes.
            others.Sort(StringComparer.Ordinal);
            throw new InvalidRequestException("COMPACT STORAGE with composite PRIMARY KEY allows no more than one column not part of the PRIMARY KEY (got: "
                + string.Join(", ", others) + ")");
        }
        foreach (var name in others)
        {
            // 3.11 had no non-frozen UDTs; refuse them as the collections it refused.
            if (definitions[name].Type.IsMultiCell)
                throw new InvalidRequestException("Non-frozen user types are not supported with COMPACT STORAGE");
        }
    }

    /// <summary>ALTER TABLE ... ADD on a compact table.</summary>
    internal static void CheckAdd(TableMetadata table, RawColumnDefinition column, CqlType type)
    {
        if (table.IsDense)
            throw new InvalidRequestException("Cannot add new column to a COMPACT STORAGE table");
        if (!table.IsCompound && column.IsStatic)
            throw new InvalidRequestException("Static columns are not allowed in COMPACT STORAGE tables");
        if (!table.IsCompound && type.IsMultiCell)
            throw new InvalidRequestException("Cannot use non-frozen collections in COMPACT STORAGE tables");
    }

    /// <summary>CREATE INDEX on a compact table (3.11's CreateIndexStatement.validate).</summary>
    internal static void CheckIndexTarget(TableMetadata table, ColumnMetadata column)
    {
        if (column.IsPrimaryKey)
            throw new InvalidRequestException("Secondary indexes are not supported on PRIMARY KEY columns in COMPACT STORAGE tables");
        if (table.IsDense)
            throw new InvalidRequestException("Secondary indexes are not supported on compact value column of COMPACT STORAGE tables");
    }

    /// <summary>ALTER TABLE ... DROP on a compact table: 3.11 only drops columns of CQL tables.</summary>
    internal static void CheckDrop(TableMetadata table)
    {
        if (table.IsCompactStorage)
            throw new InvalidRequestException("Cannot drop columns from a non-CQL3 table");
    }

    /// <summary>
    /// ALTER TABLE ... DROP COMPACT STORAGE (3.11's CFMetaData.asNonCompact): the table becomes a CQL table with
    /// row markers from now on. Rows written while compact keep existing only through their values.
    /// </summary>
    internal static TableMetadata DropCompactStorage(TableMetadata table)
    {
        if (!table.IsCompactStorage)
            throw new InvalidRequestException("Cannot DROP COMPACT STORAGE on table without COMPACT STORAGE");
        // 3.11 turns a static compact table into (key, column1 text, value blob) with its columns static. Sibyl keeps
        // those columns as regular cells of the partition's only row, which a clustering column cannot be added to
        // without rewriting the data, so the conversion is refused rather than answered with wrong rows.
        if (table.IsStaticCompact)
            throw new InvalidRequestException("DROP COMPACT STORAGE is not supported on COMPACT STORAGE tables without clustering columns");
        return table.WithCompactStorage(false);
    }
}
