using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Cql.Syntax;
using Sibyl.Data.Model;
using Sibyl.Schema;
using Sibyl.Storage.Memtables;

namespace Sibyl.Cql.Tests.Semantics;

/// <summary>
/// A node in a test: a schema and one memtable per table, executing CQL text through the real parser,
/// preparer and statements. Values are bound by composing .NET objects with the bind variable types.
/// </summary>
internal sealed class MemoryQueryContext : IQueryContext
{
    private readonly Dictionary<Guid, Memtable> _tables = [];
    private long _clock = 1_600_000_000_000_000L;

    public MemoryQueryContext(string keyspace = "ks")
    {
        Execute($"CREATE KEYSPACE {keyspace} WITH replication = {{'class': 'SimpleStrategy', 'replication_factor': 1}}");
        Keyspace = keyspace;
    }

    public string? Keyspace { get; }

    public SchemaSnapshot Schema { get; private set; } = SchemaSnapshot.Empty;

    public IReadOnlyCollection<string> Datacenters => ["datacenter1"];

    public SchemaSnapshot ChangeSchema(Func<SchemaSnapshot, SchemaSnapshot> transformation) => Schema = transformation(Schema);

    private Memtable Memtable(Guid tableId)
    {
        if (!_tables.TryGetValue(tableId, out var memtable))
            _tables[tableId] = memtable = new Memtable(Schema.GetTable(tableId)!.Comparator);
        return memtable;
    }

    public ValueTask MutateAsync(IReadOnlyList<Mutation> mutations, ConsistencyLevel consistency, CancellationToken cancellationToken)
    {
        foreach (var mutation in mutations)
            foreach (var update in mutation.Updates)
                Memtable(update.TableId).Apply(update);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<PartitionData>> ReadAsync(ReadCommand command, ConsistencyLevel consistency, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Memtable(command.TableId).Read(command));

    public ValueTask TruncateAsync(TableMetadata table, CancellationToken cancellationToken)
    {
        _tables.Remove(table.Id);
        return ValueTask.CompletedTask;
    }

    public Statements.CqlStatement Prepare(string cql)
    {
        var parsed = CqlParser.Parse(cql);
        return StatementPreparer.Prepare(parsed.Statement, Schema, Keyspace, parsed.BindMarkerCount);
    }

    public CqlResult Execute(string cql, params object?[] values) => Execute(cql, -1, null, values);

    public CqlResult Execute(string cql, int pageSize, byte[]? pagingState, params object?[] values)
    {
        var statement = Prepare(cql);
        var bound = new byte[]?[values.Length];
        for (int i = 0; i < values.Length; i++)
            bound[i] = values[i] switch
            {
                null => null,
                byte[] b when ReferenceEquals(b, QueryOptions.Unset) => b,
                var v => statement.BindVariables[i].Type.Decompose(v),
            };
        var options = new QueryOptions { Values = bound, PageSize = pageSize, PagingState = pagingState };
        _clock += 1000;
        var state = new QueryState(Keyspace, _clock, (int)(_clock / 1_000_000));
        return statement.ExecuteAsync(this, state, options, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>The rows of a SELECT, each value composed to a .NET object.</summary>
    public List<object?[]> Rows(string cql, params object?[] values)
    {
        var rows = Assert.IsType<RowsResult>(Execute(cql, values));
        return [.. rows.Rows.Select(r => r.Select((v, i) => v is null ? null : rows.Columns[i].Type.Compose(v)).ToArray())];
    }

    /// <summary>The single value of a one-row, one-column SELECT.</summary>
    public object? Value(string cql, params object?[] values) => Assert.Single(Rows(cql, values))[0];

    public static string Json(RowsResult rows, int row) => System.Text.Encoding.UTF8.GetString(rows.Rows[row][0]!);
}
