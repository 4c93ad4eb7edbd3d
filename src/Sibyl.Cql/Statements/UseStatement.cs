using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;

namespace Sibyl.Cql.Statements;

/// <summary>USE ks: the connection's keyspace for names written without one.</summary>
public sealed class UseStatement(string keyspace) : CqlStatement
{
    public string Keyspace { get; } = keyspace;

    public override ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken)
    {
        if (context.Schema.GetKeyspace(Keyspace) is null)
            throw new InvalidRequestException($"Keyspace '{Keyspace}' does not exist");
        return ValueTask.FromResult<CqlResult>(new SetKeyspaceResult(Keyspace));
    }
}
