using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Client;

/// <summary>
/// A connected client: prepares and executes statements, routing each to a host (the owner of the bound
/// partition key's token when it can) over multiplexed connections. Thread-safe; share one per application.
/// Errors the server answers are thrown as the <see cref="RequestException"/> types of Sibyl.Common.Errors;
/// a request without an answer in time throws <see cref="TimeoutException"/>.
/// </summary>
public sealed class CqlSession : IAsyncDisposable
{
    private readonly HostPool[] _hosts;
    private readonly TokenMap? _tokenMap;
    private int _roundRobin;

    private CqlSession(CqlClusterOptions options, HostPool[] hosts, TokenMap? tokenMap)
    {
        Options = options;
        _hosts = hosts;
        _tokenMap = tokenMap;
    }

    public CqlClusterOptions Options { get; }

    /// <summary>The hosts this session has connections to.</summary>
    public IReadOnlyList<IPEndPoint> Hosts => Array.ConvertAll(_hosts, static h => h.Endpoint);

    /// <summary>True when requests of prepared statements are routed by token (the server reported its tokens).</summary>
    public bool IsTokenAware => _tokenMap is not null && Options.Routing == RoutingPolicy.TokenAware;

    internal static async Task<CqlSession> ConnectAsync(CqlClusterOptions options, CancellationToken cancellationToken)
    {
        if (options.ProtocolVersion != ProtocolVersions.V4)
            throw new ArgumentException("Sibyl.Client speaks native protocol v4 only", nameof(options));
        HostPool? control = null;
        Exception? lastError = null;
        foreach (string contactPoint in options.ContactPoints)
        {
            try
            {
                var endpoint = await ResolveAsync(contactPoint, options.Port, cancellationToken).ConfigureAwait(false);
                control = await HostPool.OpenAsync(endpoint, options, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                lastError = e;
            }
        }
        if (control is null)
            throw new NoHostAvailableException(
                $"None of the contact points ({string.Join(", ", options.ContactPoints)}) answered on port {options.Port}: {lastError?.Message}", lastError);

        var hosts = new List<HostPool> { control };
        var ring = new List<(HostPool, IReadOnlyList<string>)>();
        try
        {
            var local = await QueryOnAsync(control, "SELECT tokens FROM system.local", cancellationToken).ConfigureAwait(false);
            if (local.Count > 0)
                ring.Add((control, TokenStrings(local[0], 0)));
            var peers = await QueryOnAsync(control, "SELECT peer, rpc_address, tokens FROM system.peers", cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < peers.Count; i++)
            {
                var row = peers[i];
                var address = row.GetValue(1) as IPAddress;
                if (address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
                    address = row.GetValue(0) as IPAddress;
                if (address is null)
                    continue;
                try
                {
                    var peer = await HostPool.OpenAsync(new IPEndPoint(address, options.Port), options, cancellationToken).ConfigureAwait(false);
                    hosts.Add(peer);
                    ring.Add((peer, TokenStrings(row, 2)));
                }
                catch (NoHostAvailableException)
                {
                    // a peer that is down now is skipped; its ranges fall back to round robin
                }
            }
        }
        catch (Exception e) when (e is RequestException or TimeoutException or FormatException)
        {
            // A server without (readable) system tables still works, without token-aware routing.
        }
        catch
        {
            foreach (var host in hosts)
                await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new CqlSession(options, [.. hosts], TokenMap.Build(ring));
    }

    private static List<string> TokenStrings(Row row, int index) => row.IsNull(index) ? [] : row.GetList<string>(index);

    private static async Task<RowSet> QueryOnAsync(HostPool host, string cql, CancellationToken cancellationToken)
    {
        var connection = host.Acquire() ?? throw new NoHostAvailableException($"{host.Endpoint} is down");
        var response = await connection.SendAsync(new QueryMessage(cql, new QueryOptions { Consistency = ConsistencyLevel.One }), cancellationToken).ConfigureAwait(false);
        return ToRowSet(response, null, null);
    }

    private static async Task<IPEndPoint> ResolveAsync(string contactPoint, int port, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(contactPoint, out var address))
            return new IPEndPoint(address, port);
        var addresses = await Dns.GetHostAddressesAsync(contactPoint, cancellationToken).ConfigureAwait(false);
        foreach (var candidate in addresses)
        {
            if (candidate.AddressFamily == AddressFamily.InterNetwork)
                return new IPEndPoint(candidate, port);
        }
        return addresses.Length > 0 ? new IPEndPoint(addresses[0], port) : throw new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Prepares <paramref name="cql"/> on one host; other hosts prepare it on first use (Unprepared is handled transparently).</summary>
    public async Task<PreparedStatement> PrepareAsync(string cql, CancellationToken cancellationToken = default)
    {
        var connection = PickConnection(null, null);
        var response = await connection.SendAsync(new PrepareMessage(cql), cancellationToken).ConfigureAwait(false);
        return response switch
        {
            PreparedResultMessage prepared => new PreparedStatement(cql, prepared),
            ErrorMessage error => throw error.Error,
            _ => throw new ProtocolException($"Unexpected {OpcodeTable.NameOf(response.Opcode)} in answer to PREPARE"),
        };
    }

    public ValueTask<RowSet> ExecuteAsync(string cql, params object?[] values) =>
        ExecuteAsync(cql, values, default, CancellationToken.None);

    /// <summary>Runs an unprepared statement; values are serialized by their .NET type (see <see cref="CqlValueCodec.InferType"/>).</summary>
    public ValueTask<RowSet> ExecuteAsync(string cql, object?[] values, CqlExecutionOptions options, CancellationToken cancellationToken = default)
    {
        var bound = new byte[]?[values.Length];
        for (int i = 0; i < values.Length; i++)
            bound[i] = values[i] is { } value ? CqlValueCodec.Encode(CqlValueCodec.InferType(value), value) : null;
        return ExecuteCoreAsync(null, cql, bound, options, cancellationToken);
    }

    public ValueTask<RowSet> ExecuteAsync(PreparedStatement statement, params object?[] values) =>
        ExecuteAsync(statement, values, default, CancellationToken.None);

    public ValueTask<RowSet> ExecuteAsync(PreparedStatement statement, object?[] values, CqlExecutionOptions options, CancellationToken cancellationToken = default) =>
        ExecuteCoreAsync(statement, null, statement.Bind(values), options, cancellationToken);

    /// <summary>Executes with values already serialized (null = CQL null, <see cref="QueryOptions.Unset"/> = unset): the allocation-light path.</summary>
    public ValueTask<RowSet> ExecuteAsync(PreparedStatement statement, byte[]?[] values, CqlExecutionOptions options, CancellationToken cancellationToken = default)
    {
        if (values.Length != statement.Variables.Count)
            throw new ArgumentException($"The statement has {statement.Variables.Count} bind variables, {values.Length} values were given", nameof(values));
        return ExecuteCoreAsync(statement, null, values, options, cancellationToken);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    internal async ValueTask<RowSet> ExecuteCoreAsync(PreparedStatement? statement, string? cql, byte[]?[] values,
        CqlExecutionOptions options, CancellationToken cancellationToken)
    {
        var queryOptions = new QueryOptions
        {
            Consistency = options.Consistency ?? Options.DefaultConsistency,
            Values = values,
            PageSize = options.PageSize ?? Options.DefaultPageSize,
            PagingState = options.PagingState,
            SerialConsistency = options.SerialConsistency,
            Timestamp = options.Timestamp,
            SkipMetadata = statement is { ResultColumns.Count: > 0 },
        };
        var connection = PickConnection(statement, values);
        RequestMessage request = statement is null
            ? new QueryMessage(cql!, queryOptions)
            : new ExecuteMessage(statement.Id, queryOptions);
        var response = await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (statement is not null && response is ErrorMessage { Error: UnpreparedException })
        {
            // The host lost or never had the statement: prepare it there and retry once.
            var prepared = await connection.SendAsync(new PrepareMessage(statement.Query), cancellationToken).ConfigureAwait(false);
            if (prepared is ErrorMessage prepareError)
                throw prepareError.Error;
            byte[] id = prepared is PreparedResultMessage p ? p.Id : statement.Id;
            response = await connection.SendAsync(new ExecuteMessage(id, queryOptions), cancellationToken).ConfigureAwait(false);
        }
        var page = ToRowSet(response, statement, null);
        return page.PagingState is null ? page
            : new RowSet(page.Columns, page.RawRows, page.PagingState, new PageRequest(this, statement, cql, values, options), page.Warnings);
    }

    private static RowSet ToRowSet(Message response, PreparedStatement? statement, PageRequest? nextPage)
    {
        switch (response)
        {
            case RowsResultMessage rows:
                {
                    var metadata = rows.Metadata;
                    var columns = metadata.Columns.Count > 0 || statement is null
                        ? new CqlColumns(metadata.Columns)
                        : statement.ResultColumns;
                    return new RowSet(columns, rows.Rows, metadata.PagingState, nextPage, rows.Warnings);
                }
            case ErrorMessage error:
                throw error.Error;
            case ResultMessage result:
                return RowSet.Void(result.Warnings);
            default:
                throw new ProtocolException($"Unexpected {OpcodeTable.NameOf(response.Opcode)} in answer to a query");
        }
    }

    private CqlConnection PickConnection(PreparedStatement? statement, byte[]?[]? values)
    {
        if (statement is not null && values is not null && _tokenMap is not null && Options.Routing == RoutingPolicy.TokenAware
            && RoutingKey.ComputeToken(values, statement.PartitionKeyIndexes) is { } token
            && _tokenMap.Owner(token).Acquire() is { } owned)
            return owned;
        int start = (int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)_hosts.Length);
        for (int i = 0; i < _hosts.Length; i++)
        {
            if (_hosts[(start + i) % _hosts.Length].Acquire() is { } connection)
                return connection;
        }
        throw new NoHostAvailableException($"All {_hosts.Length} hosts are down");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync().ConfigureAwait(false);
    }
}
