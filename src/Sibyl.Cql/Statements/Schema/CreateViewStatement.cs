using System.Collections.Immutable;
using Sibyl.Common.Errors;
using Sibyl.Cql.Functions;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>
/// CREATE MATERIALIZED VIEW, validated with Cassandra 4's rules and messages (CreateViewStatement). The view is
/// a table whose <see cref="TableMetadata.View"/> names its base; the replica maintains and builds it.
/// </summary>
public sealed class CreateViewStatement : SchemaStatement
{
    private readonly string _keyspace;
    private readonly RawCreateViewStatement _raw;

    public CreateViewStatement(string keyspace, RawCreateViewStatement raw)
    {
        if (raw.BaseTable.Keyspace is { } baseKeyspace && baseKeyspace != keyspace)
            throw new InvalidRequestException("Cannot create a materialized view on a table in a different keyspace");
        if (raw.PartitionKey.Count == 0)
            throw new InvalidRequestException($"No PRIMARY KEY specifed for view '{raw.View.ToCql()}' (exactly one required)");
        _keyspace = keyspace;
        _raw = raw;
    }

    protected override SchemaChangeResult Change => new(SchemaChangeType.Created, SchemaChangeTarget.Table, _keyspace, _raw.View.Name);

    protected override SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context)
    {
        string viewName = _raw.View.Name;
        var ks = ExistingKeyspace(schema, _keyspace);
        RefuseSystemKeyspace(_keyspace, "ALTER", TableResource(_keyspace, _raw.BaseTable.Name));
        // A view is not a base table: Cassandra looks bases up among tables only.
        var table = ks.GetTable(_raw.BaseTable.Name) is { IsView: false } t ? t
            : throw new InvalidRequestException($"Base table '{_raw.BaseTable.Name}' doesn't exist");
        if (ks.GetTable(viewName) is { } existing)
        {
            if (!existing.IsView)
                throw new InvalidRequestException($"Cannot create materialized view '{viewName}' - a table with the same name already exists");
            if (_raw.IfNotExists) return schema;
            throw new AlreadyExistsException(_keyspace, viewName);
        }
        ValidateName(viewName, "Table");
        if (table.IsCounter)
            throw new InvalidRequestException("Materialized views are not supported on counter tables");
        if (table.Params.GcGraceSeconds == 0)
            throw new InvalidRequestException($"Cannot create materialized view '{viewName}' for base table '{table.Name}' with gc_grace_seconds of 0, since this value is used to TTL undelivered updates. Setting gc_grace_seconds too low might cause undelivered updates to expire before being replayed.");

        // SELECT clause: plain column names only.
        var selected = new HashSet<string>(StringComparer.Ordinal);
        if (_raw.Selectors.Count == 0)
            foreach (var c in table.Columns.Keys) selected.Add(c);
        foreach (var selector in _raw.Selectors)
        {
            if (selector.Alias is not null)
                throw new InvalidRequestException($"Cannot use aliases when defining a materialized view (got {selector.Selectable.ToCql()} AS {selector.Alias})");
            if (selector.Selectable is not ColumnSelectable column)
                throw new InvalidRequestException($"Can only select columns by name when defining a materialized view (got {selector.Selectable.ToCql()})");
            if (table.GetColumn(column.Column) is null)
                throw new InvalidRequestException($"Undefined column name {column.Column} in table {table.QualifiedName}");
            selected.Add(column.Column);
        }
        foreach (var name in selected.Order(StringComparer.Ordinal))
            if (table.GetColumn(name)!.Kind == ColumnKind.Static)
                throw new InvalidRequestException($"Cannot include static column '{name}' in materialized view '{viewName}'");

        // PRIMARY KEY and CLUSTERING ORDER BY.
        var keyColumns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _raw.PartitionKey.Concat(_raw.ClusteringColumns))
        {
            var column = table.GetColumn(name);
            if (column is null || !selected.Contains(name))
                throw new InvalidRequestException($"Unknown column '{name}' referenced in PRIMARY KEY for materialized view '{viewName}'");
            if (!keyColumns.Add(name))
                throw new InvalidRequestException($"Duplicate column '{name}' in PRIMARY KEY clause for materialized view '{viewName}'");
            var type = column.Type;
            if (type.IsMultiCell)
                throw new InvalidRequestException(type.IsCollection
                    ? $"Invalid non-frozen collection type '{type.CqlName}' for PRIMARY KEY column '{name}'"
                    : $"Invalid non-frozen user-defined type '{type.CqlName}' for PRIMARY KEY column '{name}'");
            if (type.IsCounter)
                throw new InvalidRequestException($"counter type is not supported for PRIMARY KEY column '{name}'");
            if (type.Kind == CqlTypeKind.Duration)
                throw new InvalidRequestException($"duration type is not supported for PRIMARY KEY column '{name}'");
        }
        var order = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var o in _raw.ClusteringOrder)
            if (!order.TryAdd(o.Column, o.Ascending))
                throw new InvalidRequestException($"Duplicate column '{o.Column}' in CLUSTERING ORDER BY clause for view '{_raw.View.ToCql()}'");
        if (_raw.ClusteringOrder.Count > 0 && !_raw.ClusteringColumns.SequenceEqual(_raw.ClusteringOrder.Select(o => o.Column)))
            throw new InvalidRequestException("Clustering key columns must exactly match columns in CLUSTERING ORDER BY directive");

        var missing = table.PartitionKeyColumns.Concat(table.ClusteringColumns).Select(c => c.Name).Where(n => !keyColumns.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new InvalidRequestException($"Cannot create materialized view '{viewName}' without primary key columns {string.Join(", ", missing)} from base table '{table.Name}'");
        var regularInKey = keyColumns.Where(n => table.GetColumn(n)!.Kind == ColumnKind.Regular).ToList();
        if (regularInKey.Count > 1)
            throw new InvalidRequestException($"Cannot include more than one non-primary key column in materialized view primary key (got {string.Join(", ", regularInKey)})");

        var (restrictions, restricted) = PrepareWhere(table, viewName);
        var unrestricted = _raw.PartitionKey.Concat(_raw.ClusteringColumns).Where(n => !restricted.Contains(n)).ToList();
        if (unrestricted.Count > 0)
            throw new InvalidRequestException($"Primary key columns {string.Join(", ", unrestricted)} must be restricted with 'IS NOT NULL' or otherwise");

        var options = Properties.Of(_raw.Properties);
        if (options.ContainsKey("default_time_to_live"))
            throw new InvalidRequestException("Cannot set default_time_to_live for a materialized view. Data in a materialized view always expire at the same time than the corresponding data in the parent table.");
        var parameters = TableParams.ForNewTable(options);

        var columns = new List<ColumnMetadata>();
        for (int i = 0; i < _raw.PartitionKey.Count; i++)
            columns.Add(new ColumnMetadata(_raw.PartitionKey[i], table.GetColumn(_raw.PartitionKey[i])!.Type, ColumnKind.PartitionKey, i, ClusteringOrder.None));
        for (int i = 0; i < _raw.ClusteringColumns.Count; i++)
        {
            string name = _raw.ClusteringColumns[i];
            var baseColumn = table.GetColumn(name)!;
            // Without CLUSTERING ORDER BY a column keeps the order it has in the base table, as Cassandra's getType.
            var clusteringOrder = order.TryGetValue(name, out bool ascending)
                ? (ascending ? ClusteringOrder.Asc : ClusteringOrder.Desc)
                : baseColumn.IsReversed ? ClusteringOrder.Desc : ClusteringOrder.Asc;
            columns.Add(new ColumnMetadata(name, baseColumn.Type, ColumnKind.Clustering, i, clusteringOrder));
        }
        foreach (var name in selected.Where(n => !keyColumns.Contains(n)))
            columns.Add(new ColumnMetadata(name, table.GetColumn(name)!.Type, ColumnKind.Regular, -1, ClusteringOrder.None));

        var id = new Guid(TimeUuid.Create(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000), bigEndian: true);
        var view = new TableMetadata(_keyspace, viewName, id, columns, parameters)
        {
            View = new ViewMetadata(table.Id, table.Name, _raw.Selectors.Count == 0, WhereClauseText(), restrictions),
        };
        return schema.With(ks.WithTable(view), "create view " + _keyspace + "." + viewName);
    }

    /// <summary>system_schema.views.where_clause as Cassandra 4 prints it (upper-case IS NOT NULL).</summary>
    private string WhereClauseText() => string.Join(" AND ", _raw.Where.Select(r => r is SingleColumnRelation { Operator: RelationOperator.IsNot } s
        ? CqlNames.MaybeQuote(s.Column) + " IS NOT NULL"
        : r.ToCql()));

    /// <summary>The WHERE clause: IS NOT NULL on any selected column, other restrictions only on base primary key columns.</summary>
    private (ImmutableArray<ViewRestriction> Restrictions, HashSet<string> Restricted) PrepareWhere(TableMetadata table, string viewName)
    {
        var restrictions = ImmutableArray.CreateBuilder<ViewRestriction>();
        var restricted = new HashSet<string>(StringComparer.Ordinal);
        var illegal = new List<string>();
        foreach (var relation in _raw.Where)
        {
            switch (relation)
            {
                case TokenRelation:
                    throw new InvalidRequestException("Cannot use token relation when defining a materialized view");
                case CustomIndexExpression:
                    throw new InvalidRequestException($"WHERE clause for materialized view '{viewName}' cannot contain custom index expressions");
                case SingleColumnRelation single:
                {
                    var column = table.GetColumn(single.Column) ?? throw new InvalidRequestException($"Undefined column name {single.Column}");
                    restricted.Add(column.Name);
                    if (single.Operator == RelationOperator.IsNot)
                        break;
                    if (column.Kind is not (ColumnKind.PartitionKey or ColumnKind.Clustering))
                    {
                        illegal.Add(column.Name);
                        break;
                    }
                    restrictions.Add(PrepareRestriction(table, column, single));
                    break;
                }
                default:
                    throw new InvalidRequestException($"Restriction {relation.ToCql()} in a materialized view's WHERE clause is not supported by Sibyl yet");
            }
        }
        if (illegal.Count > 0)
            throw new InvalidRequestException($"Non-primary key columns can only be restricted with 'IS NOT NULL' (got: {string.Join(",", illegal)} restricted illegally)");
        return (restrictions.ToImmutable(), restricted);
    }

    private static ViewRestriction PrepareRestriction(TableMetadata table, ColumnMetadata column, SingleColumnRelation relation)
    {
        var receiver = new ColumnSpecification(table.Keyspace, table.Name, column.Name, column.Type);
        byte[] Value(RawTerm term) => term switch
        {
            RawLiteral literal => TermPreparer.LiteralValue(literal, receiver),
            RawBindMarker => throw new InvalidRequestException("Bind variables are not allowed in CREATE MATERIALIZED VIEW statements"),
            _ => throw new InvalidRequestException($"Restriction {relation.ToCql()} in a materialized view's WHERE clause is not supported by Sibyl yet"),
        };
        var op = relation.Operator switch
        {
            RelationOperator.Eq => ViewRestrictionOperator.Eq,
            RelationOperator.In => ViewRestrictionOperator.In,
            RelationOperator.Lt => ViewRestrictionOperator.Lt,
            RelationOperator.Lte => ViewRestrictionOperator.Lte,
            RelationOperator.Gt => ViewRestrictionOperator.Gt,
            RelationOperator.Gte => ViewRestrictionOperator.Gte,
            _ => throw new InvalidRequestException($"Restriction {relation.ToCql()} in a materialized view's WHERE clause is not supported by Sibyl yet"),
        };
        ImmutableArray<byte[]> values = op == ViewRestrictionOperator.In
            ? relation.Value is RawTermList list ? [.. list.Elements.Select(Value)] : [Value(relation.Value)]
            : [Value(relation.Value)];
        return new ViewRestriction(column.Name, op, values);
    }
}
