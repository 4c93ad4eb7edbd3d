using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Cluster;
using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Data.Partitioning;
using Sibyl.Protocol;
using Sibyl.Replica;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;
using Sibyl.Storage;

namespace Sibyl.Coordinator.Tests;

/// <summary>A node below the server on memtables, with keyspace ks in use: CQL text in, protocol results out.</summary>
internal sealed class CqlTestNode
{
    private readonly ClientState _client = new(null, ProtocolVersions.V4);

    public CqlTestNode()
    {
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
        var replica = new LocalReplica(Store, Schema, () => info);
        var clock = new SystemTimeSource();
        Processor = new QueryProcessor(new StorageProxy(Schema, replica, () => ring, clock), clock, NullLogger<QueryProcessor>.Instance);
        Run("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        Run("USE ks");
    }

    public Guid HostId { get; } = Guid.NewGuid();
    public MemtableStore Store { get; } = new();
    public SchemaManager Schema { get; } = new(SystemKeyspaces.InitialSchema());
    public QueryProcessor Processor { get; }

    public ResultMessage Run(string cql, QueryOptions? options = null) =>
        Processor.QueryAsync(new QueryMessage(cql, options ?? QueryOptions.Default), _client, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public IReadOnlyList<byte[]?[]> Rows(string cql) => ((RowsResultMessage)Run(cql)).Rows;

    public string Error(string cql, QueryOptions? options = null) => Assert.Throws<InvalidRequestException>(() => Run(cql, options)).Message;
}
