using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Cluster;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Protocol;
using Sibyl.Replica;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;

namespace Sibyl.Coordinator.Tests;

/// <summary>
/// A node below the server on memtables (or on a given store), with keyspace ks in use: CQL text in, protocol
/// results out. Shared by the counter, index, view, batch log and restriction tests.
/// </summary>
internal sealed class CqlTestNode
{
    private readonly ClientState _client = new(null, ProtocolVersions.V4);

    public CqlTestNode(IReplicaStore? store = null, Cql.Guardrails? guardrails = null)
    {
        Store = store ?? new MemtableStore();
        foreach (var ks in Schema.Current.Keyspaces.Values)
            foreach (var t in ks.Tables.Values) Store.CreateTable(t.Id, t.Comparator);
        Schema.Changed += (before, after) =>
        {
            foreach (var ks in after.Keyspaces.Values)
                foreach (var t in ks.Tables.Values)
                    if (before.GetTable(t.Id) is null) Store.CreateTable(t.Id, t.Comparator);
        };
        var local = new NodeEndpoint(HostId, IPAddress.Loopback, "datacenter1", "rack1");
        var ring = new TokenRing(local, [(new Token(0), local)]);
        var info = new LocalNodeInfo("Test Cluster", local.HostId, IPAddress.Loopback, 7000, IPAddress.Loopback, 9042,
            "datacenter1", "rack1", [0], "4.1.0", "3.4.7", "4", 1);
        Replica = new LocalReplica(Store, Schema, () => info);
        var clock = new SystemTimeSource();
        Proxy = new StorageProxy(Schema, Replica, () => ring, clock) { Guardrails = guardrails ?? Cql.Guardrails.Default };
        Processor = new QueryProcessor(Proxy, clock, NullLogger<QueryProcessor>.Instance);
        Run("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        Run("USE ks");
    }

    public Guid HostId { get; } = Guid.NewGuid();
    public IReplicaStore Store { get; }
    public SchemaManager Schema { get; } = new(SystemKeyspaces.InitialSchema());
    public LocalReplica Replica { get; }
    public StorageProxy Proxy { get; }
    public QueryProcessor Processor { get; }

    public ResultMessage Run(string cql, QueryOptions? options = null) =>
        Processor.QueryAsync(new QueryMessage(cql, options ?? QueryOptions.Default), _client, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public IReadOnlyList<byte[]?[]> Rows(string cql, QueryOptions? options = null) => ((RowsResultMessage)Run(cql, options)).Rows;

    /// <summary>Rows of int columns, null as -1, for compact assertions.</summary>
    public List<int[]> Ints(string cql) =>
        [.. Rows(cql).Select(r => r.Select(v => v is null ? -1 : (int)CqlType.Int.Compose(v)!).ToArray())];

    public string Error(string cql, QueryOptions? options = null) => Assert.Throws<InvalidRequestException>(() => Run(cql, options)).Message;
}
