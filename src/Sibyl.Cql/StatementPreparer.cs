using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Restrictions;
using Sibyl.Cql.Selection;
using Sibyl.Cql.Statements;
using Sibyl.Cql.Statements.Schema;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql;

/// <summary>
/// Turns a parsed statement into a prepared one against a schema snapshot (Cassandra's RawStatement.prepare).
/// Statements Sibyl does not execute yet are refused here with an InvalidRequest that says so.
/// </summary>
public static partial class StatementPreparer
{
    public static CqlStatement Prepare(RawStatement raw, SchemaSnapshot schema, string? currentKeyspace, int bindMarkerCount)
    {
        var bindings = new BindVariables(bindMarkerCount);
        CqlStatement statement = raw switch
        {
            RawSelectStatement select => PrepareSelect(select, schema, currentKeyspace, bindings),
            RawModificationStatement modification => PrepareModification(modification, schema, currentKeyspace, bindings),
            RawBatchStatement batch => PrepareBatch(batch, schema, currentKeyspace, bindings),
            RawUseStatement use => new UseStatement(use.Keyspace),
            RawTruncateStatement truncate => new TruncateStatement(ViewSchema.RefuseTruncate(Table(schema, truncate.Table, currentKeyspace))),
            RawCreateKeyspaceStatement s => new CreateKeyspaceStatement(s.Keyspace, s.IfNotExists, Properties.Of(s.Properties)),
            RawAlterKeyspaceStatement s => new AlterKeyspaceStatement(s.Keyspace, s.IfExists, Properties.Of(s.Properties)),
            RawDropKeyspaceStatement s => new DropKeyspaceStatement(s.Keyspace, s.IfExists),
            RawCreateTableStatement s => new CreateTableStatement(KeyspaceOf(s.Table, currentKeyspace), s),
            RawAlterTableStatement s => new AlterTableStatement(KeyspaceOf(s.Table, currentKeyspace), s),
            RawDropTableStatement s => new DropTableStatement(KeyspaceOf(s.Table, currentKeyspace), s.Table.Name, s.IfExists),
            RawCreateTypeStatement s => new CreateTypeStatement(KeyspaceOf(s.Type, currentKeyspace), s),
            RawAlterTypeStatement s => new AlterTypeStatement(KeyspaceOf(s.Type, currentKeyspace), s),
            RawDropTypeStatement s => new DropTypeStatement(KeyspaceOf(s.Type, currentKeyspace), s.Type.Name, s.IfExists),
            RawCreateIndexStatement s => new CreateIndexStatement(KeyspaceOf(s.Table, currentKeyspace), s),
            RawDropIndexStatement s => new DropIndexStatement(KeyspaceOf(s.Index, currentKeyspace), s.Index.Name, s.IfExists),
            RawCreateViewStatement s => bindMarkerCount > 0
                ? throw new InvalidRequestException("Bind variables are not allowed in CREATE MATERIALIZED VIEW statements")
                : new CreateViewStatement(KeyspaceOf(s.View, currentKeyspace), s),
            RawAlterViewStatement s => new AlterViewStatement(KeyspaceOf(s.View, currentKeyspace), s),
            RawDropViewStatement s => new DropViewStatement(KeyspaceOf(s.View, currentKeyspace), s.View.Name, s.IfExists),
            _ => throw new InvalidRequestException($"{StatementName(raw)} statements are not supported by Sibyl yet"),
        };
        if (statement is SchemaStatement or UseStatement or TruncateStatement)
        {
            if (bindMarkerCount > 0)
                throw new InvalidRequestException("Bind variables are not allowed in this statement");
            return statement;
        }
        // Attached once here, before the statement is shared: prepared statements are immutable afterwards.
        statement.BindVariables = bindings.Specifications;
        statement.BindMarkerNames = bindings.MarkerNames;
        return statement;
    }

    private static string StatementName(RawStatement raw)
    {
        string name = raw.GetType().Name;
        if (name.StartsWith("Raw", StringComparison.Ordinal)) name = name[3..];
        if (name.EndsWith("Statement", StringComparison.Ordinal)) name = name[..^9];
        var words = System.Text.RegularExpressions.Regex.Replace(name, "(?<!^)([A-Z])", " $1").ToUpperInvariant();
        return words;
    }

    public static string KeyspaceOf(QualifiedName name, string? currentKeyspace) =>
        name.Keyspace ?? currentKeyspace
        ?? throw new InvalidRequestException("No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");

    public static TableMetadata Table(SchemaSnapshot schema, QualifiedName name, string? currentKeyspace)
    {
        string keyspace = KeyspaceOf(name, currentKeyspace);
        var ks = schema.GetKeyspace(keyspace) ?? throw new InvalidRequestException($"keyspace {keyspace} does not exist");
        return ks.GetTable(name.Name) ?? throw new InvalidRequestException($"table {name.Name} does not exist");
    }

    private static SelectStatement PrepareSelect(RawSelectStatement raw, SchemaSnapshot schema, string? currentKeyspace, BindVariables bindings)
    {
        var table = Table(schema, raw.Table, currentKeyspace);
        bindings.Table = table;
        var selection = SelectionBuilder.Build(table, raw, bindings);
        var where = WhereClauseBuilder.Build(table, raw.Where, WhereClauseKind.Select, raw.AllowFiltering, bindings);
        if (raw.IsDistinct) ValidateDistinct(table, selection, where);
        bool reversed = Ordering(table, raw, where, out bool postOrdering);
        var limitSpec = new ColumnSpecification(table.Keyspace, table.Name, "[limit]", CqlType.Int);
        var perPartitionSpec = new ColumnSpecification(table.Keyspace, table.Name, "[per_partition_limit]", CqlType.Int);
        var limit = raw.Limit is null ? null : TermPreparer.Prepare(raw.Limit, limitSpec, bindings);
        var perPartition = raw.PerPartitionLimit is null ? null : TermPreparer.Prepare(raw.PerPartitionLimit, perPartitionSpec, bindings);
        if (raw.IsDistinct && perPartition is not null)
            throw new InvalidRequestException("PER PARTITION LIMIT is not allowed with SELECT DISTINCT queries");
        var groupBy = GroupBy.Build(table, raw.GroupBy, where, raw.IsDistinct);
        if (perPartition is not null && groupBy is null && selection.Any(s => s.Selector.IsAggregate))
            throw new InvalidRequestException("PER PARTITION LIMIT is not allowed with aggregate queries.");
        return new SelectStatement(table, where, selection, raw.IsDistinct, reversed, postOrdering, limit, perPartition, PartitionKeyIndexes(where))
        {
            IsJson = raw.IsJson,
            GroupBy = groupBy,
        };
    }

    private static void ValidateDistinct(TableMetadata table, List<(Selector Selector, string Name)> selection, WhereClause where)
    {
        if (where.HasClusteringRestrictions || where.Filters.Any(f => !f.Column.IsStatic && f.Column.Kind != ColumnKind.PartitionKey))
            throw new InvalidRequestException("SELECT DISTINCT with WHERE clause only supports restriction by partition key and/or static columns.");
        foreach (var (selector, _) in selection)
        {
            if (selector is not ColumnSelector cs) continue;
            if (cs.Column.Kind is not (ColumnKind.PartitionKey or ColumnKind.Static))
                throw new InvalidRequestException($"SELECT DISTINCT queries must only request partition key columns and/or static columns (not {cs.Column.Name})");
        }
        // Named partitions need no grouping; only a key range must select the whole partition key.
        if (!where.IsKeyRange) return;
        var selected = selection.Select(s => s.Selector).OfType<ColumnSelector>().Select(c => c.Column.Name).ToHashSet();
        foreach (var pk in table.PartitionKeyColumns)
            if (!selected.Contains(pk.Name) && !selection.Any(s => s.Selector.IsAggregate))
                throw new InvalidRequestException($"SELECT DISTINCT queries must request all the partition key columns (missing {pk.Name})");
    }

    /// <summary>Validates ORDER BY and says whether rows are read in reverse clustering order.</summary>
    private static bool Ordering(TableMetadata table, RawSelectStatement raw, WhereClause where, out bool postOrdering)
    {
        postOrdering = false;
        if (raw.OrderBy.Count == 0) return false;
        bool? reversed = null;
        int expected = 0;
        foreach (var ordering in raw.OrderBy)
        {
            if (ordering.AnnOf is not null) throw new InvalidRequestException("ANN ordering is not supported by Sibyl yet");
            var column = table.GetColumn(ordering.Column) ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(ordering.Column)} in table {table.QualifiedName}");
            if (column.Kind != ColumnKind.Clustering)
                throw new InvalidRequestException($"Order by is currently only supported on the clustered columns of the PRIMARY KEY, got {column.Name}");
            while (expected < column.Position && IsEqRestricted(where, expected)) expected++;
            if (column.Position != expected)
                throw new InvalidRequestException("Order by currently only supports the ordering of columns following their declared order in the PRIMARY KEY");
            expected++;
            bool thisReversed = ordering.Descending != column.IsReversed;
            if (reversed is not null && reversed != thisReversed)
                throw new InvalidRequestException("Unsupported order by relation");
            reversed = thisReversed;
        }
        if (where.IsKeyRange)
            throw new InvalidRequestException("ORDER BY is only supported when the partition key is restricted by an EQ or an IN.");
        postOrdering = where.HasInOnPartitionKey;
        return reversed ?? false;
    }

    private static bool IsEqRestricted(WhereClause where, int position) => position < where.ClusteringPrefixSize;

    private static IReadOnlyList<short>? PartitionKeyIndexes(WhereClause where)
    {
        if (!where.HasAllPartitionKeyValues) return null;
        var result = new short[where.PartitionKey.Length];
        for (int i = 0; i < result.Length; i++)
        {
            if (where.PartitionKey[i] is not EqValue { Term: BindMarkerTerm marker }) return null;
            result[i] = (short)marker.Index;
        }
        return result;
    }

    private static ModificationStatement PrepareModification(RawModificationStatement raw, SchemaSnapshot schema, string? currentKeyspace, BindVariables bindings)
    {
        var table = Table(schema, raw.Table, currentKeyspace);
        bindings.Table = table;
        if (table.IsVirtual || SchemaConstants.IsSystemKeyspace(table.Keyspace))
            throw new UnauthorizedException($"{table.Keyspace} keyspace is not user-modifiable.");
        if (table.IsView)
            throw new InvalidRequestException("Cannot directly modify a materialized view");
        var timestampSpec = new ColumnSpecification(table.Keyspace, table.Name, "[timestamp]", CqlType.BigInt);
        var ttlSpec = new ColumnSpecification(table.Keyspace, table.Name, "[ttl]", CqlType.Int);
        var timestamp = raw.Attributes.Timestamp is null ? null : TermPreparer.Prepare(raw.Attributes.Timestamp, timestampSpec, bindings);
        var ttl = raw.Attributes.TimeToLive is null ? null : TermPreparer.Prepare(raw.Attributes.TimeToLive, ttlSpec, bindings);
        ValidateCounterAttributes(table, raw);
        return raw switch
        {
            RawInsertStatement insert => PrepareInsert(insert, table, timestamp, ttl, bindings),
            RawUpdateStatement update => PrepareUpdate(update, table, timestamp, ttl, bindings),
            RawDeleteStatement delete => PrepareDelete(delete, table, timestamp, bindings),
            RawInsertJsonStatement json => PrepareInsertJson(json, table, timestamp, ttl, bindings),
            _ => throw new InvalidRequestException($"{StatementName(raw)} statements are not supported by Sibyl yet"),
        };
    }

    private static ColumnSpecification Spec(TableMetadata table, ColumnMetadata column) => new(table.Keyspace, table.Name, column.Name, column.Type);

    private static ColumnMetadata Column(TableMetadata table, string name) =>
        table.GetColumn(name) ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(name)} in table {table.QualifiedName}");

    private static ModificationStatement PrepareInsert(RawInsertStatement raw, TableMetadata table, Term? timestamp, Term? ttl, BindVariables bindings)
    {
        if (table.IsCounter) throw new InvalidRequestException("INSERT statements are not allowed on counter tables, use UPDATE instead");
        if (raw.Columns.Count != raw.Values.Count) throw new InvalidRequestException("Unmatched column names/values");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var values = new List<(ColumnMetadata Column, Term Value)>();
        for (int i = 0; i < raw.Columns.Count; i++)
        {
            var column = Column(table, raw.Columns[i]);
            if (!seen.Add(column.Name)) throw new InvalidRequestException("The column names contains duplicates");
            values.Add((column, TermPreparer.Prepare(raw.Values[i], Spec(table, column), bindings)));
        }
        return BuildInsert(table, values, timestamp, ttl).WithConditions(raw.IfNotExists ? ConditionKind.IfNotExists : ConditionKind.None, []);
    }

    private static ModificationStatement PrepareInsertJson(RawInsertJsonStatement raw, TableMetadata table, Term? timestamp, Term? ttl, BindVariables bindings)
    {
        if (table.IsCounter) throw new InvalidRequestException("INSERT statements are not allowed on counter tables, use UPDATE instead");
        return BuildInsert(table, Sibyl.Cql.Json.JsonInsertValues.Prepare(raw, table, bindings), timestamp, ttl)
            .WithConditions(raw.IfNotExists ? ConditionKind.IfNotExists : ConditionKind.None, []);
    }

    private static ModificationStatement BuildInsert(TableMetadata table, List<(ColumnMetadata Column, Term Value)> values, Term? timestamp, Term? ttl)
    {
        var pk = new ValueSet?[table.PartitionKeyColumns.Length];
        var clustering = new Term?[table.ClusteringColumns.Length];
        var operations = new List<ColumnOperation>();
        foreach (var (column, term) in values)
        {
            switch (column.Kind)
            {
                case ColumnKind.PartitionKey: pk[column.Position] = new EqValue(term); break;
                case ColumnKind.Clustering: clustering[column.Position] = term; break;
                default:
                    CheckSupportedValue(column);
                    operations.Add(new ColumnOperation(column, term));
                    break;
            }
        }
        var missingPk = table.PartitionKeyColumns.Where(c => pk[c.Position] is null).Select(c => c.Name).ToList();
        if (missingPk.Count > 0) throw new InvalidRequestException("Some partition key parts are missing: " + string.Join(", ", missingPk));
        bool onlyStatic = operations.Count > 0 && operations.All(o => o.Column.IsStatic);
        var missingClustering = table.ClusteringColumns.Where(c => clustering[c.Position] is null).Select(c => c.Name).ToList();
        if (missingClustering.Count > 0 && !(onlyStatic && missingClustering.Count == table.ClusteringColumns.Length))
            throw new InvalidRequestException("Some clustering keys are missing: " + string.Join(", ", missingClustering));
        var parts = clustering.Where(t => t is not null).Select((t, i) =>
            new ClusteringPart(1, (o, s) =>
            {
                var v = t!.Bind(o, s);
                if (v is null || QueryOptions.IsUnset(v))
                    throw new InvalidRequestException($"Invalid {(v is null ? "null" : "unset")} value in condition for column {table.ClusteringColumns[i].Name}");
                return [[v]];
            })).ToList();
        var where = new WhereClause(table, pk, null, null, parts, null, []);
        return new ModificationStatement(ModificationKind.Insert, table, operations, where, timestamp, ttl, PartitionKeyIndexes(where));
    }

    /// <summary>Cassandra's checks on <c>c.f = v</c> (operation set) and <c>DELETE c.f</c> (operation null).</summary>
    private static void CheckUserTypeField(ColumnMetadata column, string field, string? operation)
    {
        if (column.Type is not UserType udt)
            throw new InvalidRequestException(operation is null ? $"Invalid field deletion operation for non-UDT column {column.Name}" : $"{operation} non-UDT column {column.Name}");
        if (!udt.IsMultiCell)
            throw new InvalidRequestException(operation is null ? $"Frozen UDT column {column.Name} does not support field deletion" : $"{operation} frozen UDT column {column.Name}");
        if (udt.FieldIndex(field) < 0)
            throw new InvalidRequestException($"UDT column {column.Name} does not have a field named {field}");
    }

    private static void CheckSupportedValue(ColumnMetadata column)
    {
        if (column.Type.IsCounter)
            throw new InvalidRequestException($"Cannot set the value of counter column {column.Name} (counters can only be incremented/decremented, not set)");
    }

    private static ModificationStatement PrepareUpdate(RawUpdateStatement raw, TableMetadata table, Term? timestamp, Term? ttl, BindVariables bindings)
    {
        var operations = new List<ColumnOperation>();
        foreach (var op in raw.Operations)
        {
            var column = Column(table, op.Column);
            if (column.IsPrimaryKey) throw new InvalidRequestException($"PRIMARY KEY part {column.Name} found in SET part");
            if (op.Kind == UpdateOperationKind.SetField) CheckUserTypeField(column, op.Field!, $"Invalid operation ({op.ToCql()}) for");
            if (Operations.OperationPreparer.Handles(column, op))
            {
                operations.Add(Operations.OperationPreparer.PrepareUpdate(table, column, op, bindings));
                continue;
            }
            if (PrepareCounterOperation(op, column, table, bindings) is { } increment)
            {
                operations.Add(increment);
                continue;
            }
            if (op.Kind != UpdateOperationKind.SetValue)
                throw new InvalidRequestException($"Operation {op.ToCql()} is not supported by Sibyl yet");
            CheckSupportedValue(column);
            if (column.Type.IsMultiCell && op.Value is not RawBindMarker && op.Value is not RawNull && op.Value is not RawListLiteral && op.Value is not RawSetLiteral && op.Value is not RawMapLiteral && op.Value is not RawUserTypeLiteral)
                throw new InvalidRequestException($"Operation {op.ToCql()} is not supported by Sibyl yet");
            operations.Add(new ColumnOperation(column, TermPreparer.Prepare(op.Value, Spec(table, column), bindings)));
        }
        var where = WhereClauseBuilder.Build(table, raw.Where, WhereClauseKind.Update, false, bindings);
        CheckStaticColumnRules(table, where, raw.Where, operations, raw.Conditions, raw.IfExists, "UPDATE");
        ValidateRowTargets(table, where, operations, "UPDATE");
        var (conditionKind, conditions) = ConditionPreparer.Prepare(table, raw.IfExists, raw.Conditions, bindings);
        return new ModificationStatement(ModificationKind.Update, table, operations, where, timestamp, ttl, PartitionKeyIndexes(where))
            .WithConditions(conditionKind, conditions);
    }

    private static ModificationStatement PrepareDelete(RawDeleteStatement raw, TableMetadata table, Term? timestamp, BindVariables bindings)
    {
        var operations = new List<ColumnOperation>();
        foreach (var deletion in raw.Deletions)
        {
            var column = Column(table, deletion.Column);
            if (column.IsPrimaryKey) throw new InvalidRequestException($"Invalid identifier {column.Name} for deletion (should not be a PRIMARY KEY part)");
            if (deletion.Field is not null) CheckUserTypeField(column, deletion.Field, null);
            operations.Add(deletion.Element is not null || deletion.Field is not null
                ? Operations.OperationPreparer.PrepareDeletion(table, column, deletion, bindings)
                : new ColumnOperation(column, null));
        }
        var where = WhereClauseBuilder.Build(table, raw.Where, WhereClauseKind.Delete, false, bindings);
        CheckStaticColumnRules(table, where, raw.Where, operations, raw.Conditions, raw.IfExists, "DELETE");
        if (operations.Count > 0) ValidateRowTargets(table, where, operations, "DELETE");
        var (conditionKind, conditions) = ConditionPreparer.Prepare(table, raw.IfExists, raw.Conditions, bindings);
        return new ModificationStatement(ModificationKind.Delete, table, operations, where, timestamp, null, PartitionKeyIndexes(where))
            .WithConditions(conditionKind, conditions);
    }

    /// <summary>Column writes need whole rows: every clustering column by EQ/IN, unless only static columns are touched.</summary>
    private static void ValidateRowTargets(TableMetadata table, WhereClause where, List<ColumnOperation> operations, string verb)
    {
        bool onlyStatic = operations.Count > 0 && operations.All(o => o.Column.IsStatic);
        if (where.HasClusteringSlice)
        {
            if (verb == "DELETE") throw new InvalidRequestException("Range deletions are not supported for specific columns");
            throw new InvalidRequestException($"Slice restrictions are not supported on the clustering columns in {verb} statements");
        }
        if (onlyStatic)
        {
            if (where.HasClusteringRestrictions && where.ClusteringPrefixSize < table.ClusteringColumns.Length)
                throw new InvalidRequestException("Some clustering keys are missing: " + string.Join(", ", table.ClusteringColumns.Skip(where.ClusteringPrefixSize).Select(c => c.Name)));
            return;
        }
        if (where.ClusteringPrefixSize < table.ClusteringColumns.Length)
            throw new InvalidRequestException("Some clustering keys are missing: " + string.Join(", ", table.ClusteringColumns.Skip(where.ClusteringPrefixSize).Select(c => c.Name)));
    }

    private static BatchStatement PrepareBatch(RawBatchStatement raw, SchemaSnapshot schema, string? currentKeyspace, BindVariables bindings)
    {
        var statements = new List<ModificationStatement>();
        foreach (var s in raw.Statements)
        {
            if (s.Attributes.Timestamp is not null && raw.Attributes.Timestamp is not null)
                throw new InvalidRequestException("Timestamp must be set either on BATCH or individual statements");
            statements.Add(PrepareModification(s, schema, currentKeyspace, bindings));
        }
        if (raw.Attributes.TimeToLive is not null)
            throw new InvalidRequestException("Global TTL on the BATCH statement is not supported.");
        var timestampSpec = new ColumnSpecification("", "", "[timestamp]", CqlType.BigInt);
        var timestamp = raw.Attributes.Timestamp is null ? null : TermPreparer.Prepare(raw.Attributes.Timestamp, timestampSpec, bindings);
        return new BatchStatement(raw.Type, statements, timestamp);
    }
}
