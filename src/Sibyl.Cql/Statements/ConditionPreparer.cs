using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Types;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>Prepares the IF clause of UPDATE and DELETE with Cassandra's rules.</summary>
internal static class ConditionPreparer
{
    public static (ConditionKind Kind, List<ColumnCondition> Conditions) Prepare(
        TableMetadata table, bool ifExists, IReadOnlyList<RawColumnCondition> raw, BindVariables bindings)
    {
        if (ifExists) return (ConditionKind.IfExists, []);
        if (raw.Count == 0) return (ConditionKind.None, []);
        var conditions = new List<ColumnCondition>(raw.Count);
        foreach (var c in raw)
        {
            var column = table.GetColumn(c.Column)
                ?? throw new InvalidRequestException($"Undefined column name {Identifiers.Quote(c.Column)} in table {table.QualifiedName}");
            if (column.IsPrimaryKey)
                throw new InvalidRequestException($"PRIMARY KEY column '{column.Name}' cannot have IF conditions");
            var spec = new ColumnSpecification(table.Keyspace, table.Name, column.Name, column.Type);
            Term? element = null;
            int field = -1;
            if (c.Element is not null)
            {
                (element, spec) = ElementReceivers(column, c, spec, bindings);
            }
            else if (c.Field is not null)
            {
                if (column.Type is not UserType udt)
                    throw new InvalidRequestException($"Invalid field selection: {column.Name} of type {column.Type.CqlName} is not a user type");
                field = udt.FieldIndex(c.Field);
                if (field < 0) throw new InvalidRequestException($"Unknown field {c.Field} for column {column.Name}");
                spec = spec with { Name = column.Name + "." + c.Field, Type = udt.FieldTypes[field] };
            }
            switch (c.Operator)
            {
                case RelationOperator.In:
                {
                    IReadOnlyList<Term> terms = c.Value is RawTermList list
                        ? [.. list.Elements.Select(e => TermPreparer.Prepare(e, spec, bindings))]
                        : [TermPreparer.Prepare(c.Value, spec with { Name = "in(" + spec.Name + ")", Type = new ListType(spec.Type, false) }, bindings)];
                    conditions.Add(new ColumnCondition(column, RelationOperator.In, null, terms, element, field));
                    break;
                }
                case RelationOperator.Eq or RelationOperator.Neq or RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte:
                    if (spec.Type.Kind == CqlTypeKind.Duration && c.Operator is not (RelationOperator.Eq or RelationOperator.Neq))
                        throw new InvalidRequestException($"Slice conditions ( {c.Operator.ToCql()} ) are not supported on durations");
                    conditions.Add(new ColumnCondition(column, c.Operator, TermPreparer.Prepare(c.Value, spec, bindings), null, element, field));
                    break;
                case RelationOperator.Contains or RelationOperator.ContainsKey:
                    conditions.Add(new ColumnCondition(column, c.Operator, TermPreparer.Prepare(c.Value, ContainsSpec(column, c.Operator, spec), bindings), null));
                    break;
                default:
                    throw new InvalidRequestException($"Operator {c.Operator.ToCql()} is not supported in conditions by Sibyl yet");
            }
        }
        return (ConditionKind.Columns, conditions);
    }

    /// <summary>The receiver of CONTAINS (element or map value) and CONTAINS KEY (map key), with Cassandra 4.1's checks.</summary>
    private static ColumnSpecification ContainsSpec(ColumnMetadata column, RelationOperator op, ColumnSpecification spec)
    {
        if (column.Type is not CollectionType collection)
            throw new InvalidRequestException($"Cannot use {op.ToCql()} on non-collection column {column.Name}");
        if (op == RelationOperator.ContainsKey)
        {
            if (collection is not MapType keyed)
                throw new InvalidRequestException($"Cannot use CONTAINS KEY on non-map column {column.Name}");
            return spec with { Name = "key(" + column.Name + ")", Type = keyed.Key };
        }
        return spec with
        {
            Name = "value(" + column.Name + ")",
            Type = collection switch { MapType map => map.Value, ListType list => list.Element, _ => ((SetType)collection).Element },
        };
    }

    /// <summary>The index (idx(l), int) or key (key(m)) term of <c>l[i]</c> / <c>m[k]</c>, and the receiver of the compared value.</summary>
    private static (Term Element, ColumnSpecification ValueSpec) ElementReceivers(ColumnMetadata column, RawColumnCondition c, ColumnSpecification spec, BindVariables bindings)
    {
        switch (column.Type)
        {
            case ListType list:
                return (TermPreparer.Prepare(c.Element!, spec with { Name = "idx(" + column.Name + ")", Type = CqlType.Int }, bindings),
                    spec with { Name = "value(" + column.Name + ")", Type = list.Element });
            case MapType map:
                return (TermPreparer.Prepare(c.Element!, spec with { Name = "key(" + column.Name + ")", Type = map.Key }, bindings),
                    spec with { Name = "value(" + column.Name + ")", Type = map.Value });
            case SetType:
                throw new InvalidRequestException($"Invalid element access syntax for set column {column.Name}");
            default:
                throw new InvalidRequestException($"Invalid element access syntax for non-collection column {column.Name}");
        }
    }
}
