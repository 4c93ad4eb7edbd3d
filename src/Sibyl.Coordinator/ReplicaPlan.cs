using Sibyl.Cluster;
using Sibyl.Common.Errors;

namespace Sibyl.Coordinator;

/// <summary>
/// Who a request goes to, decided once before it executes: the natural replicas of its token, the live
/// ones among them, and how many must answer for the consistency level (Cassandra's ReplicaPlan).
/// </summary>
public sealed record ReplicaPlan(string Keyspace, ConsistencyLevel Consistency, IReadOnlyList<NodeEndpoint> Replicas, IReadOnlyList<NodeEndpoint> Live, int BlockFor)
{
    public IReadOnlyList<NodeEndpoint> Contacts => Live;
}
