using Sibyl.Common;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements;

/// <summary>TRUNCATE [TABLE] ks.t: removes every row of the table on every replica.</summary>
public sealed class TruncateStatement(TableMetadata table) : CqlStatement
{
    public override (string Keyspace, string Table)? Target => (table.Keyspace, table.Name);

    public override async ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken)
    {
        if (SchemaConstants.IsSystemKeyspace(table.Keyspace))
            throw new Common.Errors.UnauthorizedException($"{table.Keyspace} keyspace is not user-modifiable.");
        await context.TruncateAsync(table, cancellationToken).ConfigureAwait(false);
        return VoidResult.Instance;
    }
}
