using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Schema;

namespace Sibyl.Cql.Statements.Schema;

/// <summary>
/// A DDL statement: validates against the current schema and returns the new one, or the same snapshot
/// when there is nothing to do (IF [NOT] EXISTS). Runs under the schema manager's change lock, so the
/// check and the change are atomic.
/// </summary>
public abstract class SchemaStatement : CqlStatement
{
    public override async ValueTask<CqlResult> ExecuteAsync(IQueryContext context, QueryState state, QueryOptions options, CancellationToken cancellationToken)
    {
        bool changed = false;
        context.ChangeSchema(schema =>
        {
            var after = Apply(schema, context);
            changed = !ReferenceEquals(after, schema);
            return after;
        });
        await AfterChangeAsync(context, cancellationToken).ConfigureAwait(false);
        return changed ? Change : VoidResult.Instance;
    }

    /// <summary>The new schema, or <paramref name="schema"/> itself when nothing changes.</summary>
    protected abstract SchemaSnapshot Apply(SchemaSnapshot schema, IQueryContext context);

    /// <summary>The schema change this statement announces.</summary>
    protected abstract SchemaChangeResult Change { get; }

    protected virtual ValueTask AfterChangeAsync(IQueryContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    internal static KeyspaceMetadata ExistingKeyspace(SchemaSnapshot schema, string keyspace) =>
        schema.GetKeyspace(keyspace) ?? throw new InvalidRequestException($"Keyspace '{keyspace}' doesn't exist");

    internal static void RefuseSystemKeyspace(string keyspace)
    {
        if (SchemaConstants.IsSystemKeyspace(keyspace))
            throw new UnauthorizedException($"{keyspace} keyspace is not user-modifiable.");
    }

    /// <summary>
    /// Cassandra's ClientState.preventSystemKSSchemaModification: local system keyspaces are never modifiable;
    /// of the replicated ones (system_distributed, system_auth, system_traces) only the keyspace's replication
    /// may change. <paramref name="resource"/> is the DataResource the statement needs
    /// <paramref name="permission"/> on, as Cassandra prints it ("&lt;table ks.t&gt;").
    /// </summary>
    internal static void RefuseSystemKeyspace(string keyspace, string permission, string resource)
    {
        RefuseSystemKeyspace(keyspace);
        if (SchemaConstants.IsReplicatedSystemKeyspace(keyspace))
            throw new UnauthorizedException($"Cannot {permission} {resource}");
    }

    internal static string KeyspaceResource(string keyspace) => $"<keyspace {keyspace}>";

    internal static string AllTablesResource(string keyspace) => $"<all tables in {keyspace}>";

    internal static string TableResource(string keyspace, string table) => $"<table {keyspace}.{table}>";

    internal static void ValidateName(string name, string what)
    {
        if (!SchemaConstants.IsValidName(name) || name.Length > SchemaConstants.NameLength)
            throw new InvalidRequestException($"{what} name must not be empty, more than {SchemaConstants.NameLength} characters long, or contain non-alphanumeric-underscore characters (got \"{name}\")");
    }
}
