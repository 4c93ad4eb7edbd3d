using Sibyl.Common.Errors;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;

namespace Sibyl.Cql.Statements;

/// <summary>Counter rules of BATCH (Cassandra's BatchStatement.validate): COUNTER batches hold only counter updates.</summary>
public sealed partial class BatchStatement
{
    /// <summary>Whether the statements write counter tables (all or none of them: see <see cref="ValidateCounters"/>).</summary>
    public bool IsCounterBatch => Statements.Count > 0 && Statements[0].Table.IsCounter;

    /// <summary>Cassandra's checks and messages, in its order.</summary>
    private static void ValidateCounters(BatchType type, IReadOnlyList<ModificationStatement> statements, Term? timestamp)
    {
        if (timestamp is not null && type == BatchType.Counter)
            throw new InvalidRequestException("Cannot provide custom timestamp for counter BATCH");
        bool hasCounters = false, hasNonCounters = false;
        foreach (var s in statements)
        {
            if (s.Table.IsCounter) hasCounters = true;
            else hasNonCounters = true;
        }
        if (timestamp is not null && hasCounters)
            throw new InvalidRequestException("Cannot provide custom timestamp for a BATCH containing counters");
        if (type == BatchType.Counter && hasNonCounters)
            throw new InvalidRequestException("Cannot include non-counter statement in a counter batch");
        if (hasCounters && hasNonCounters)
            throw new InvalidRequestException("Counter and non-counter mutations cannot exist in the same batch");
        if (type == BatchType.Logged && hasCounters)
            throw new InvalidRequestException("Cannot include a counter statement in a logged batch");
    }
}
