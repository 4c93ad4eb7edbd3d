using System.Collections.Concurrent;
using System.Text;
using Sibyl.Common.Errors;
using Sibyl.Coordinator;
using Sibyl.Protocol;

namespace Sibyl.Server.Tests;

/// <summary>
/// Answers QUERY with one row holding the query text. "wait:NAME" blocks until <see cref="Release"/>(NAME);
/// "invalid" throws InvalidRequestException; "crash" throws a non-request exception; "use KS" sets the keyspace.
/// </summary>
internal sealed class FakeQueryProcessor : IQueryProcessor
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();

    public ConcurrentQueue<ClientState> States { get; } = new();

    public void Release(string name) => Gate(name).TrySetResult();

    private TaskCompletionSource Gate(string name) =>
        _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static readonly ColumnSpecification Column = new("ks", "t", "q", ProtocolDataType.Varchar);

    public async ValueTask<ResultMessage> QueryAsync(QueryMessage request, ClientState state, CancellationToken ct)
    {
        States.Enqueue(state);
        string query = request.Query;
        if (query.StartsWith("wait:", StringComparison.Ordinal))
            await Gate(query[5..]).Task.WaitAsync(ct);
        if (query == "invalid")
            throw new InvalidRequestException("Keyspace 'nope' does not exist");
        if (query == "crash")
            throw new InvalidCastException("bug");
        if (query.StartsWith("use ", StringComparison.Ordinal))
        {
            state.Keyspace = query[4..];
            return new SetKeyspaceResultMessage(state.Keyspace);
        }
        return new RowsResultMessage(new ResultMetadata([Column]), [[Encoding.UTF8.GetBytes(query)]]) { Warnings = query == "warn" ? ["careful"] : null };
    }

    public ValueTask<ResultMessage> PrepareAsync(PrepareMessage request, ClientState state, CancellationToken ct) =>
        ValueTask.FromResult<ResultMessage>(new PreparedResultMessage([1, 2], [], [], ResultMetadata.Empty));

    public ValueTask<ResultMessage> ExecuteAsync(ExecuteMessage request, ClientState state, CancellationToken ct) =>
        throw new UnpreparedException(request.Id);

    public ValueTask<ResultMessage> BatchAsync(BatchMessage request, ClientState state, CancellationToken ct) =>
        ValueTask.FromResult<ResultMessage>(new VoidResultMessage());
}
