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
            if (c.Element is not null || c.Field is not null)
                throw new InvalidRequestException($"Conditions on collection elements and UDT fields ({c.ToCql()}) are not supported by Sibyl yet");
            var spec = new ColumnSpecification(table.Keyspace, table.Name, column.Name, column.Type);
            switch (c.Operator)
            {
                case RelationOperator.In:
                {
                    IReadOnlyList<Term> terms = c.Value is RawTermList list
                        ? [.. list.Elements.Select(e => TermPreparer.Prepare(e, spec, bindings))]
                        : [TermPreparer.Prepare(c.Value, spec with { Name = "in(" + column.Name + ")", Type = new ListType(column.Type, false) }, bindings)];
                    conditions.Add(new ColumnCondition(column, RelationOperator.In, null, terms));
                    break;
                }
                case RelationOperator.Eq or RelationOperator.Neq or RelationOperator.Lt or RelationOperator.Lte or RelationOperator.Gt or RelationOperator.Gte:
                    if (column.Type.Kind == CqlTypeKind.Duration && c.Operator is not (RelationOperator.Eq or RelationOperator.Neq))
                        throw new InvalidRequestException($"Slice conditions ( {c.Operator.ToCql()} ) are not supported on durations");
                    conditions.Add(new ColumnCondition(column, c.Operator, TermPreparer.Prepare(c.Value, spec, bindings), null));
                    break;
                default:
                    throw new InvalidRequestException($"Operator {c.Operator.ToCql()} is not supported in conditions by Sibyl yet");
            }
        }
        return (ConditionKind.Columns, conditions);
    }
}
