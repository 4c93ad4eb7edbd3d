using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Cql.Terms;
using Sibyl.Data.Model;

namespace Sibyl.Cql.Statements;

/// <summary>
/// BEGIN [UNLOGGED | COUNTER] BATCH ... APPLY BATCH: every statement's mutations, merged per partition and
/// applied together with one timestamp unless a statement gives its own.
/// </summary>
public sealed partial class BatchStatement : CqlStatement
{
    public BatchStatement(BatchType type, IReadOnlyList<ModificationStatement> statements, Term? timestamp)
    {
        Type = type;
        Statements = statements;
        Timestamp = timestamp;
        foreach (var s in statements)
        {
            if (s.HasTimestamp && timestamp is not null)
                throw new InvalidRequestException("Timestamp must be set either on BATCH or individual statements");
        }
        ValidateCounters(type, statements, timestamp);
    }

    public BatchType Type { get; }
    public IReadOnlyList<ModificationStatement> Statements { get; }
    public Term? Timestamp { get; }

    public override ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken) =>
        ExecuteAsync(context, state, [.. Statements.Select(_ => options)], options, cancellationToken);

    /// <summary>Executes with one set of values per statement (a protocol BATCH of prepared statements).</summary>
    public async ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, IReadOnlyList<QueryOptions> perStatement,
        QueryOptions batchOptions, CancellationToken cancellationToken)
    {
        if (Statements.Any(s => s.IsConditional))
            return await ExecuteConditionalAsync(context, state, perStatement, batchOptions, cancellationToken).ConfigureAwait(false);
        long? batchTimestamp = null;
        if (Timestamp is not null)
        {
            var v = Timestamp.Bind(batchOptions, state);
            if (v is not null && !QueryOptions.IsUnset(v)) batchTimestamp = (long)Data.Types.CqlType.BigInt.Compose(v)!;
        }
        batchTimestamp ??= batchOptions.Timestamp ?? state.TimestampMicros;
        var merged = new Dictionary<(string, Data.Partitioning.DecoratedKey), Mutation>();
        var order = new List<Mutation>();
        for (int i = 0; i < Statements.Count; i++)
        {
            var prefetched = Statements[i].RequiresRead ? await Statements[i].PrefetchAsync(context, perStatement[i], state, cancellationToken).ConfigureAwait(false) : null;
            foreach (var mutation in Statements[i].BuildMutations(perStatement[i], state, batchTimestamp, prefetched))
            {
                if (merged.TryGetValue((mutation.Keyspace, mutation.Key), out var existing))
                {
                    foreach (var update in mutation.Updates)
                        existing.GetOrAdd(update.TableId).MergeFrom(update);
                }
                else
                {
                    merged[(mutation.Keyspace, mutation.Key)] = mutation;
                    order.Add(mutation);
                }
            }
        }
        CheckSize(order, context.BatchThresholds, state);
        // Cassandra logs only LOGGED batches touching more than one partition; one partition is atomic by itself.
        if (IsCounterBatch)
            await context.MutateCountersAsync(order, batchOptions.Consistency, cancellationToken).ConfigureAwait(false);
        else if (Type == BatchType.Logged && order.Count > 1)
            await context.MutateAtomicallyAsync(order, batchOptions.Consistency, cancellationToken).ConfigureAwait(false);
        else
            await context.MutateAsync(order, batchOptions.Consistency, cancellationToken).ConfigureAwait(false);
        return VoidResult.Instance;
    }
}
