using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql;
using Sibyl.Cql.Results;
using Sibyl.Cql.Statements;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Types;
using Sibyl.Protocol;

namespace Sibyl.Coordinator;

/// <summary>
/// Parses, prepares and executes CQL requests (Cassandra's QueryProcessor): the statement layer produces
/// mutations and reads, the <see cref="StorageProxy"/> runs them through replica plans, and results become
/// protocol RESULT messages here.
/// </summary>
public sealed class QueryProcessor : IQueryProcessor
{
    private readonly StorageProxy _proxy;
    private readonly ITimeSource _clock;
    private readonly ILogger _logger;
    private readonly PreparedStatementCache _prepared = new();
    private readonly ConditionalWeakTable<CqlStatement, ResultMetadata> _metadata = new();

    public QueryProcessor(StorageProxy proxy, ITimeSource clock, ILogger<QueryProcessor> logger)
    {
        _proxy = proxy;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Raised after a statement changed the schema; the host turns it into SCHEMA_CHANGE events.</summary>
    public event Action<SchemaChange>? SchemaChanged;

    /// <summary>Forgets prepared statements (after any schema change: they hold table metadata).</summary>
    public void InvalidatePreparedStatements() => _prepared.Clear();

    public async ValueTask<ResultMessage> QueryAsync(QueryMessage request, ClientState state, CancellationToken ct)
    {
        var statement = Prepare(request.Query, state.Keyspace);
        return await ExecuteAsync(statement, request.Options, state, ct).ConfigureAwait(false);
    }

    public ValueTask<ResultMessage> PrepareAsync(PrepareMessage request, ClientState state, CancellationToken ct)
    {
        var statement = Prepare(request.Query, state.Keyspace);
        var prepared = _prepared.Add(request.Query, state.Keyspace, statement);
        var variables = statement.BindVariables.Select(ToWire).ToList();
        var pkIndexes = statement.PartitionKeyBindIndexes?.Select(i => (ushort)i).ToList() ?? [];
        var resultMetadata = statement.ResultColumns is { } columns ? new ResultMetadata([.. columns.Select(ToWire)]) : ResultMetadata.Empty;
        return ValueTask.FromResult<ResultMessage>(new PreparedResultMessage(prepared.Id, variables, pkIndexes, resultMetadata));
    }

    public async ValueTask<ResultMessage> ExecuteAsync(ExecuteMessage request, ClientState state, CancellationToken ct)
    {
        var prepared = _prepared.Get(request.Id) ?? throw new UnpreparedException(request.Id);
        return await ExecuteAsync(prepared.Statement, request.Options, state, ct).ConfigureAwait(false);
    }

    public async ValueTask<ResultMessage> BatchAsync(BatchMessage request, ClientState state, CancellationToken ct)
    {
        var statements = new List<ModificationStatement>(request.Queries.Count);
        var perStatement = new List<QueryOptions>(request.Queries.Count);
        var queryState = NewQueryState(state);
        foreach (var query in request.Queries)
        {
            CqlStatement statement = query.IsPrepared
                ? (_prepared.Get(query.PreparedId!) ?? throw new UnpreparedException(query.PreparedId!)).Statement
                : Prepare(query.Query!, state.Keyspace);
            if (statement is not ModificationStatement modification)
                throw new InvalidRequestException("Invalid statement in batch: only UPDATE, INSERT and DELETE statements are allowed.");
            statements.Add(modification);
            perStatement.Add(ToQueryOptions(statement, new QueryOptions { Values = query.Values, Consistency = request.Consistency, Timestamp = request.DefaultTimestamp }));
        }
        var batchType = request.Type switch
        {
            Sibyl.Protocol.BatchType.Unlogged => Sibyl.Cql.Syntax.BatchType.Unlogged,
            Sibyl.Protocol.BatchType.Counter => Sibyl.Cql.Syntax.BatchType.Counter,
            _ => Sibyl.Cql.Syntax.BatchType.Logged,
        };
        var batch = new BatchStatement(batchType, statements, timestamp: null);
        var batchOptions = new QueryOptions { Values = [], Consistency = request.Consistency, Timestamp = request.DefaultTimestamp, SerialConsistency = request.SerialConsistency };
        var result = await batch.ExecuteAsync(_proxy, queryState, perStatement, batchOptions, ct).ConfigureAwait(false);
        return ToMessage(batch, result, batchOptions, state, queryState);
    }

    private CqlStatement Prepare(string query, string? keyspace)
    {
        ParsedStatement parsed;
        try
        {
            parsed = CqlParser.Parse(query);
        }
        catch (CqlSyntaxException e)
        {
            throw new SyntaxException(e.Message);
        }
        try
        {
            return StatementPreparer.Prepare(parsed.Statement, _proxy.Schema, keyspace, parsed.BindMarkerCount);
        }
        catch (MarshalException e)
        {
            throw new InvalidRequestException(e.Message);
        }
    }

    private QueryState NewQueryState(ClientState state)
    {
        long micros = _clock.NowMicros();
        return new QueryState(state.Keyspace, micros, (int)(micros / 1_000_000));
    }

    private async ValueTask<ResultMessage> ExecuteAsync(CqlStatement statement, QueryOptions wire, ClientState state, CancellationToken ct)
    {
        var options = ToQueryOptions(statement, wire);
        var queryState = NewQueryState(state);
        CqlResult result;
        try
        {
            result = await statement.ExecuteAsync(_proxy, queryState, options, ct).ConfigureAwait(false);
        }
        catch (MarshalException e)
        {
            throw new InvalidRequestException(e.Message);
        }
        return ToMessage(statement, result, options, state, queryState);
    }

    private ResultMessage ToMessage(CqlStatement statement, CqlResult result, QueryOptions options, ClientState state, QueryState queryState)
    {
        ResultMessage message;
        switch (result)
        {
            case RowsResult rows:
            {
                // Result columns known at preparation are converted once; a lightweight transaction's vary per result.
                var metadata = statement.ResultColumns is not null
                    ? _metadata.GetValue(statement, s => new ResultMetadata([.. s.ResultColumns!.Select(ToWire)]))
                    : new ResultMetadata([.. rows.Columns.Select(ToWire)]);
                if (options.SkipMetadata && statement.ResultColumns is not null) metadata = ResultMetadata.WithoutColumns(metadata.ColumnCount, rows.PagingState);
                else if (rows.PagingState is not null) metadata = metadata.WithPagingState(rows.PagingState);
                message = new RowsResultMessage(metadata, rows.Rows);
                break;
            }
            case SetKeyspaceResult use:
                state.Keyspace = use.Keyspace;
                message = new SetKeyspaceResultMessage(use.Keyspace);
                break;
            case SchemaChangeResult change:
            {
                var wire = new SchemaChange(
                    (Sibyl.Protocol.SchemaChangeType)(int)change.Change,
                    (Sibyl.Protocol.SchemaChangeTarget)(int)change.Target,
                    change.Keyspace, change.Name, change.ArgumentTypes);
                _prepared.Clear();
                _logger.LogInformation("Schema changed: {Change} {Target} {Keyspace}{Name}", change.Change, change.Target, change.Keyspace, change.Name is null ? "" : "." + change.Name);
                SchemaChanged?.Invoke(wire);
                message = new SchemaChangeResultMessage(wire);
                break;
            }
            default:
                // The shared instance is never modified: warnings go on a message of their own.
                message = queryState.HasWarnings ? new VoidResultMessage() : VoidResultMessage.Instance;
                break;
        }
        if (queryState.HasWarnings) message.Warnings = queryState.Warnings;
        return message;
    }

    private static Sibyl.Protocol.ColumnSpecification ToWire(Sibyl.Cql.ColumnSpecification spec) =>
        new(spec.Keyspace, spec.Table, spec.Name, ProtocolTypes.ToProtocol(spec.Type));

    /// <summary>
    /// The options as the statement reads them: positional values as decoded (the same object), named values put
    /// in bind marker order.
    /// </summary>
    private static QueryOptions ToQueryOptions(CqlStatement statement, QueryOptions wire)
    {
        var expected = statement.BindVariables;
        if (wire.Names is not { } names)
        {
            if (wire.Values.Count != expected.Count)
                throw new InvalidRequestException("Invalid amount of bind variables");
            return wire;
        }
        var ordered = new byte[]?[expected.Count];
        for (int i = 0; i < expected.Count; i++)
        {
            string name = statement.BindMarkerNames.Count > i && statement.BindMarkerNames[i] is { } markerName ? markerName : expected[i].Name;
            int index = IndexOf(names, name);
            if (index < 0) throw new InvalidRequestException($"No value has been provided for the bind variable {name}");
            ordered[i] = wire.Values[index];
        }
        return new QueryOptions
        {
            Values = ordered,
            Consistency = wire.Consistency,
            SerialConsistency = wire.SerialConsistency,
            PageSize = wire.PageSize,
            PagingState = wire.PagingState,
            Timestamp = wire.Timestamp,
            SkipMetadata = wire.SkipMetadata,
        };
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        for (int i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
