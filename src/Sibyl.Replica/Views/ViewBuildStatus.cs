using System.Text;
using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;
using Sibyl.Schema;
using Sibyl.Schema.SystemTables;

namespace Sibyl.Replica.Views;

/// <summary>
/// The mutations of system_distributed.view_build_status that Cassandra's view builder writes: STARTED (an
/// insert) when this host begins building a view, SUCCESS (an update of status) when it is done, and the whole
/// partition deleted when the view is dropped. Clients poll it to wait for a view to be built.
/// </summary>
internal static class ViewBuildStatus
{
    private const string StatusColumn = "status";

    /// <summary>The table in <paramref name="schema"/>, or null when the keyspace is absent (a test schema).</summary>
    public static TableMetadata? Table(SchemaSnapshot schema) =>
        schema.GetKeyspace(SystemDistributedKeyspace.Name)?.GetTable(SystemDistributedKeyspace.ViewBuildStatus.Name);

    public static Mutation Started(TableMetadata table, TableMetadata view, Guid hostId, long timestamp)
    {
        var (mutation, update) = New(table, view);
        update.Add(Row.Create(HostClustering(hostId), new LivenessInfo(timestamp, LivenessInfo.NoTtl, LivenessInfo.NoExpiration), DeletionTime.Live,
            [Cell.Live(StatusColumn, Encoding.UTF8.GetBytes(SystemDistributedKeyspace.BuildStarted), timestamp)]));
        return mutation;
    }

    public static Mutation Succeeded(TableMetadata table, TableMetadata view, Guid hostId, long timestamp)
    {
        var (mutation, update) = New(table, view);
        update.Add(Row.Create(HostClustering(hostId), LivenessInfo.Empty, DeletionTime.Live,
            [Cell.Live(StatusColumn, Encoding.UTF8.GetBytes(SystemDistributedKeyspace.BuildSuccess), timestamp)]));
        return mutation;
    }

    public static Mutation Removed(TableMetadata table, TableMetadata view, long timestamp, int nowInSeconds)
    {
        var (mutation, update) = New(table, view);
        update.DeletePartition(new DeletionTime(timestamp, nowInSeconds));
        return mutation;
    }

    private static (Mutation, PartitionUpdate) New(TableMetadata table, TableMetadata view)
    {
        var key = Murmur3Partitioner.Decorate(CompositeKey.Build(Encoding.UTF8.GetBytes(view.Keyspace), Encoding.UTF8.GetBytes(view.Name)));
        var mutation = new Mutation(table.Keyspace, key);
        return (mutation, mutation.GetOrAdd(table.Id));
    }

    private static Clustering HostClustering(Guid hostId) => new([CqlType.Uuid.Decompose(hostId)]);
}
