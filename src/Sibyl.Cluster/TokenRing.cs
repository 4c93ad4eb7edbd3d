using Sibyl.Data.Partitioning;
using Sibyl.Schema;

namespace Sibyl.Cluster;

/// <summary>
/// The ring: every node's tokens in token order. Replicas of a token are found by walking clockwise from
/// the first token at or after it, as Cassandra's strategies do. Immutable; membership changes build a new ring.
/// </summary>
public sealed class TokenRing
{
    private readonly (Token Token, NodeEndpoint Node)[] _tokens;

    public TokenRing(NodeEndpoint local, IEnumerable<(Token Token, NodeEndpoint Node)> tokens)
    {
        Local = local;
        _tokens = [.. tokens.OrderBy(t => t.Token)];
        Nodes = [.. _tokens.Select(t => t.Node).Distinct()];
        if (!Nodes.Contains(local)) Nodes = [local, .. Nodes];
        Datacenters = [.. Nodes.Select(n => n.Datacenter).Distinct()];
        _localOnly = [local];
    }

    // A ring of one node answers every replica query with this, so single-node requests allocate no list.
    private readonly NodeEndpoint[] _localOnly;

    public NodeEndpoint Local { get; }

    public IReadOnlyList<NodeEndpoint> Nodes { get; }

    /// <summary>Computed once: the ring is immutable and every request's replica plan asks for it.</summary>
    public IReadOnlyCollection<string> Datacenters { get; }

    public IEnumerable<Token> TokensOf(NodeEndpoint node) => _tokens.Where(t => t.Node == node).Select(t => t.Token);

    /// <summary>The natural replicas of a token under a keyspace's replication.</summary>
    public IReadOnlyList<NodeEndpoint> Replicas(Token token, ReplicationParams replication)
    {
        if (replication.StrategyClass == ReplicationParams.LocalStrategy || _tokens.Length == 0)
            return _localOnly;
        if (Nodes.Count == 1 && replication.ReplicationFactorFor(Local.Datacenter) > 0)
            return _localOnly;
        var result = new List<NodeEndpoint>();
        int start = FirstIndexAtOrAfter(token);
        if (replication.StrategyClass == ReplicationParams.NetworkTopologyStrategy)
        {
            var wanted = Datacenters.ToDictionary(dc => dc, replication.ReplicationFactorFor);
            for (int i = 0; i < _tokens.Length && wanted.Values.Any(w => w > 0); i++)
            {
                var node = _tokens[(start + i) % _tokens.Length].Node;
                if (result.Contains(node) || wanted.GetValueOrDefault(node.Datacenter) <= 0) continue;
                result.Add(node);
                wanted[node.Datacenter]--;
            }
            return result;
        }
        int rf = replication.ReplicationFactorFor(Local.Datacenter);
        for (int i = 0; i < _tokens.Length && result.Count < rf; i++)
        {
            var node = _tokens[(start + i) % _tokens.Length].Node;
            if (!result.Contains(node)) result.Add(node);
        }
        return result;
    }

    private int FirstIndexAtOrAfter(Token token)
    {
        int lo = 0, hi = _tokens.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_tokens[mid].Token.CompareTo(token) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo == _tokens.Length ? 0 : lo;
    }
}
