using System.Net;
using Microsoft.Extensions.Logging;
using Sibyl.Cluster;
using Sibyl.Common;
using Sibyl.Coordinator;
using Sibyl.Data.Partitioning;
using Sibyl.Host.Configuration;
using Sibyl.Host.Lifecycle;
using Sibyl.Protocol;
using Sibyl.Replica;
using Sibyl.Schema;
using Sibyl.Schema.Persistence;
using Sibyl.Schema.SystemTables;
using Sibyl.Server;
using Sibyl.Storage;
using Sibyl.Storage.CommitLog;
using Sibyl.Storage.Tables;

namespace Sibyl.Host.Node;

/// <summary>
/// Wires one node: storage, schema, ring, replica, coordinator, CQL server and admin endpoint. Everything is
/// an instance (no statics), so several nodes can live in one process for tests.
/// </summary>
public sealed class SibylNode
{
    public const string CqlVersion = "3.4.7";

    public SibylNode(SibylConfig config, ILoggerFactory loggerFactory)
    {
        Config = config;
        var identity = NodeIdentity.LoadOrCreate(config.DataDirectory, config.NumTokens, config.InitialTokens);
        Identity = identity;
        var listen = IPAddress.Parse(config.ListenAddress);
        var rpc = IPAddress.Parse(config.RpcAddress);
        var local = new NodeEndpoint(identity.HostId, listen, "datacenter1", "rack1");
        Ring = new TokenRing(local, identity.Tokens.Select(t => (new Token(t), local)));

        // The saved user schema first: the commit log replays into tables by id.
        SchemaStore = new SchemaStore(config.DataDirectory);
        Schema = new SchemaManager(SchemaStore.LoadInto(SystemKeyspaces.InitialSchema()));
        string dataFiles = config.DataFileDirectories.Count > 0 ? config.DataFileDirectories[0] : Path.Combine(config.DataDirectory, "data");
        Store = new StorageEngine(CommitLogOptionsOf(config), dataFiles, loggerFactory);
        foreach (var ks in Schema.Current.Keyspaces.Values)
            foreach (var table in ks.Tables.Values)
                CreateTable(ks, table);
        Schema.Changed += OnSchemaChanged;
        Storage = new StorageService(Store);

        int generation = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var systemInfo = new Schema.SystemTables.LocalNodeInfo(
            config.ClusterName, identity.HostId, listen, 7000, rpc, config.NativeTransportPort, local.Datacenter, local.Rack,
            identity.Tokens, SibylVersion.CassandraReleaseVersion, CqlVersion, "4", generation);
        var viewLog = loggerFactory.CreateLogger("Sibyl.Replica.Views");
        var replica = new LocalReplica(Store, Schema, () => systemInfo, message => viewLog.LogInformation("{Message}", message));
        var clock = new SystemTimeSource();
        var proxy = new StorageProxy(Schema, replica, () => Ring, clock, new Cql.BatchThresholds(
            config.BatchSizeWarnThresholdBytes, config.BatchSizeFailThresholdBytes, config.UnloggedBatchAcrossPartitionsWarnThreshold),
            Coordinator.Batchlog.Failpoints.FromEnvironment(), loggerFactory.CreateLogger<Coordinator.Batchlog.BatchlogManager>())
        {
            Guardrails = new Cql.Guardrails(config.CompactTablesEnabled),
        };
        Batchlog = new BatchlogService(proxy.Batchlog, clock, config.WriteRequestTimeout, loggerFactory.CreateLogger<BatchlogService>());
        Processor = new QueryProcessor(proxy, clock, loggerFactory.CreateLogger<QueryProcessor>());
        Events = new EventNotifier();
        Processor.SchemaChanged += change => Events.Publish(new SchemaChangeEvent(change));

        var server = new CqlServer(Processor, new CqlServerOptions
        {
            ListenAddress = rpc,
            Port = config.NativeTransportPort,
            MaxFrameLength = (int)Math.Min(int.MaxValue, config.NativeTransportMaxFrameSizeBytes),
            CqlVersion = CqlVersion,
            Authenticator = config.Authenticator == AuthenticatorKind.Password ? new PasswordAuthenticator() : AllowAllAuthenticator.Instance,
        }, Events, loggerFactory.CreateLogger<CqlServer>());
        Transport = new CqlServerService(server);

        NodeInfo = new Lifecycle.LocalNodeInfo(config)
        {
            HostId = identity.HostId,
            Tokens = [.. identity.Tokens.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            SchemaVersionSource = () => Schema.Current.Version,
            NativeTransportActiveSource = () => Transport.IsRunning,
            LoadSource = Store.LiveDataSize,
        };
        Admin = new AdminNodeService(config, NodeInfo, loggerFactory);
        new StorageOperations(Store).Register(Admin.Server);
        SizeEstimates = new SizeEstimatesRecorder(Schema, Store, () => Ring, loggerFactory.CreateLogger<SizeEstimatesRecorder>());
        SizeEstimates.Register(Admin.Server);
        Transport.Register(Admin.Server);
    }

    public SibylConfig Config { get; }
    public NodeIdentity Identity { get; }
    public TokenRing Ring { get; }
    public StorageEngine Store { get; }
    public SchemaStore SchemaStore { get; }
    public INodeService Storage { get; }
    public SchemaManager Schema { get; }
    public QueryProcessor Processor { get; }
    public EventNotifier Events { get; }
    public CqlServerService Transport { get; }
    public Lifecycle.LocalNodeInfo NodeInfo { get; }
    public AdminNodeService Admin { get; }
    internal BatchlogService Batchlog { get; }
    public SizeEstimatesRecorder SizeEstimates { get; }

    /// <summary>Start order: the admin endpoint first (so nodetool answers during start-up), then storage (commit
    /// log replay), the batch log replay, the size estimates recorder, the CQL transport last.</summary>
    public IReadOnlyList<INodeService> Services => [Admin, Storage, Batchlog, SizeEstimates, Transport];

    /// <summary>commitlog_directory (empty: &lt;data-dir&gt;/commitlog) and the commitlog_sync settings.</summary>
    public static CommitLogOptions CommitLogOptionsOf(SibylConfig config) => new()
    {
        Directory = string.IsNullOrEmpty(config.CommitLogDirectory) ? Path.Combine(config.DataDirectory, "commitlog") : config.CommitLogDirectory,
        SyncMode = config.CommitLogSync switch
        {
            Configuration.CommitLogSyncMode.Batch => global::Sibyl.Storage.CommitLog.CommitLogSyncMode.Batch,
            Configuration.CommitLogSyncMode.Group => global::Sibyl.Storage.CommitLog.CommitLogSyncMode.Group,
            _ => global::Sibyl.Storage.CommitLog.CommitLogSyncMode.Periodic,
        },
        SyncPeriod = config.CommitLogSyncPeriod,
        GroupWindow = config.CommitLogSyncGroupWindow,
        SegmentSize = config.CommitLogSegmentSizeBytes,
        TotalSpace = config.CommitLogTotalSpaceBytes,
    };

    private void CreateTable(KeyspaceMetadata keyspace, TableMetadata table)
    {
        // Virtual tables are generated on read and never stored.
        if (!table.IsVirtual)
            Store.CreateTable(table.Id, table.Comparator, keyspace.DurableWrites, keyspace.Name, table.Name, TableStoreOptionsOf(table));
    }

    private TableStoreOptions TableStoreOptionsOf(TableMetadata table)
    {
        var p = table.Params;
        return TableStoreOptions.FromTableParams(p.Compaction, p.Compression, p.BloomFilterFpChance, p.GcGraceSeconds, p.MinIndexInterval) with
        {
            TombstoneWarnThreshold = Config.TombstoneWarnThreshold,
            TombstoneFailureThreshold = Config.TombstoneFailureThreshold,
            // memtable_heap_space bounds what one table may hold in memory before it flushes.
            MemtableFlushThresholdBytes = Config.MemtableHeapSpaceBytes ?? 128L * 1024 * 1024,
        };
    }

    private void OnSchemaChanged(SchemaSnapshot before, SchemaSnapshot after)
    {
        SchemaStore.SaveCurrent(Schema);
        foreach (var ks in after.Keyspaces.Values)
        {
            bool durabilityChanged = before.GetKeyspace(ks.Name) is { } previous && previous.DurableWrites != ks.DurableWrites;
            foreach (var table in ks.Tables.Values)
            {
                var old = before.GetTable(table.Id);
                if (old is null) CreateTable(ks, table);
                else if (!ReferenceEquals(old.Params, table.Params)) Store.UpdateOptions(table.Id, TableStoreOptionsOf(table));
                if (old is not null && durabilityChanged) Store.SetDurableWrites(table.Id, ks.DurableWrites);
            }
        }
        foreach (var ks in before.Keyspaces.Values)
            foreach (var table in ks.Tables.Values)
                if (after.GetTable(table.Id) is null) Store.DropTable(table.Id);
        Processor?.InvalidatePreparedStatements();
    }

    /// <summary>The storage engine as a node service: replays the commit log on start, syncs and closes it on stop.</summary>
    private sealed class StorageService(StorageEngine engine) : INodeService
    {
        public string Name => "storage";

        public Task StartAsync(CancellationToken cancellationToken) => engine.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => engine.StopAsync();
    }
}
