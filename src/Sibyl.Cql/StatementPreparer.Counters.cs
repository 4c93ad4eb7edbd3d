using Sibyl.Common.Errors;
using Sibyl.Cql.Statements;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Schema;

namespace Sibyl.Cql;

/// <summary>Counter increments in UPDATE's SET clause (Cassandra's Operation.Addition / Substraction on non-collections).</summary>
public static partial class StatementPreparer
{
    /// <summary>
    /// <c>c = c + t</c>, <c>c += t</c>, <c>c = c - t</c>, <c>c -= t</c> on a counter column become an increment; the
    /// other non-assignments are refused as Cassandra refuses them. Null for non-counter columns and for
    /// <c>c = t</c> (refused by the caller: counters cannot be set).
    /// </summary>
    private static ColumnOperation? PrepareCounterOperation(RawUpdateOperation op, ColumnMetadata column, TableMetadata table, BindVariables bindings)
    {
        if (!column.Type.IsCounter || op.Kind == UpdateOperationKind.SetValue) return null;
        switch (op.Kind)
        {
            case UpdateOperationKind.Prepend:
                throw new InvalidRequestException($"Invalid operation ({op.ToCql()}) for non list column {column.Name}");
            case UpdateOperationKind.SetElement:
                throw new InvalidRequestException($"Invalid operation ({op.ToCql()}) for non collection column {column.Name}");
            case UpdateOperationKind.Addition or UpdateOperationKind.Subtraction:
                var increment = TermPreparer.Prepare(op.Value, Spec(table, column), bindings);
                return new ColumnOperation(column, new CounterDeltaTerm(increment, op.Kind == UpdateOperationKind.Subtraction));
            default:
                return null;
        }
    }

    /// <summary>Cassandra's ModificationStatement.validate for counter tables, in its order.</summary>
    private static void ValidateCounterAttributes(TableMetadata table, RawModificationStatement raw)
    {
        // INSERTs are refused while they are prepared, before Cassandra validates attributes.
        if (!table.IsCounter || raw is RawInsertStatement or RawInsertJsonStatement) return;
        if (raw.Attributes.Timestamp is not null)
            throw new InvalidRequestException("Cannot provide custom timestamp for counter updates");
        if (raw.Attributes.TimeToLive is not null)
            throw new InvalidRequestException("Cannot provide custom TTL for counter updates");
    }
}
