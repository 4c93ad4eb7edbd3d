using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Cluster;
using Sibyl.Common;
using Sibyl.Coordinator;
using Sibyl.Data.Partitioning;
using Sibyl.Protocol;
using Sibyl.Replica;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;
using Sibyl.Storage.CommitLog;

namespace Sibyl.IndexBench;

/// <summary>
/// One node in process without the network: the storage engine in a temporary directory, the schema, the
/// replica (with its secondary indexes) and the query processor, wired as Sibyl.Host wires them.
/// </summary>
internal sealed class IndexBenchNode : IAsyncDisposable
{
    private readonly StorageEngine _engine;
    private readonly ClientState _client = new(null, ProtocolVersions.V4);

    private IndexBenchNode(StorageEngine engine, QueryProcessor processor)
    {
        _engine = engine;
        Processor = processor;
    }

    public QueryProcessor Processor { get; }

    public static async Task<IndexBenchNode> StartAsync(string directory)
    {
        var schema = new SchemaManager(SystemKeyspaces.InitialSchema());
        var engine = new StorageEngine(new CommitLogOptions { Directory = Path.Combine(directory, "commitlog") }, Path.Combine(directory, "data"),
            NullLoggerFactory.Instance);
        foreach (var ks in schema.Current.Keyspaces.Values)
            foreach (var t in ks.Tables.Values)
                if (!t.IsVirtual) engine.CreateTable(t.Id, t.Comparator);
        schema.Changed += (before, after) =>
        {
            foreach (var ks in after.Keyspaces.Values)
                foreach (var t in ks.Tables.Values)
                    if (before.GetTable(t.Id) is null) engine.CreateTable(t.Id, t.Comparator);
        };
        var local = new NodeEndpoint(Guid.NewGuid(), IPAddress.Loopback, "datacenter1", "rack1");
        var ring = new TokenRing(local, [(new Token(0), local)]);
        var info = new LocalNodeInfo("Bench", local.HostId, IPAddress.Loopback, 7000, IPAddress.Loopback, 9042,
            "datacenter1", "rack1", [0], "4.1.0", "3.4.7", "4", 1);
        var replica = new LocalReplica(engine, schema, () => info);
        await engine.StartAsync().ConfigureAwait(false);
        var clock = new SystemTimeSource();
        var processor = new QueryProcessor(new StorageProxy(schema, replica, () => ring, clock), clock, NullLogger<QueryProcessor>.Instance);
        return new IndexBenchNode(engine, processor);
    }

    public ResultMessage Run(string cql, int pageSize = -1) =>
        Processor.QueryAsync(new QueryMessage(cql, new QueryOptions { PageSize = pageSize }), _client, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public byte[] Prepare(string cql) =>
        ((PreparedResultMessage)Processor.PrepareAsync(new PrepareMessage(cql), _client, CancellationToken.None).AsTask().GetAwaiter().GetResult()).Id;

    public ValueTask<ResultMessage> ExecuteAsync(byte[] id, IReadOnlyList<byte[]?> values) =>
        Processor.ExecuteAsync(new ExecuteMessage(id, new QueryOptions { Values = values }), _client, CancellationToken.None);

    /// <summary>All rows of a query, following its pages.</summary>
    public int CountRows(string cql, int pageSize)
    {
        int rows = 0;
        byte[]? state = null;
        do
        {
            var result = (RowsResultMessage)Processor.QueryAsync(new QueryMessage(cql, new QueryOptions { PageSize = pageSize, PagingState = state }),
                _client, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            rows += result.Rows.Count;
            state = result.Metadata.PagingState;
        }
        while (state is not null);
        return rows;
    }

    public async ValueTask DisposeAsync() => await _engine.DisposeAsync().ConfigureAwait(false);
}
