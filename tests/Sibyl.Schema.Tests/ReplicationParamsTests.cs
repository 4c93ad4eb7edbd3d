using Sibyl.Common.Errors;

namespace Sibyl.Schema.Tests;

/// <summary>Keyspace replication built and validated as Cassandra's replication strategies do.</summary>
public class ReplicationParamsTests
{
    private static readonly string[] Datacenters = ["datacenter1", "dc2"];

    private static ReplicationParams From(params (string Key, string Value)[] entries) =>
        ReplicationParams.FromMap(entries.ToDictionary(e => e.Key, e => e.Value), "ks", Datacenters);

    private static string Error(params (string Key, string Value)[] entries) =>
        Assert.Throws<ConfigurationException>(() => From(entries)).Message;

    [Fact]
    public void SimpleStrategyByShortOrFullName()
    {
        var short_ = From(("class", "SimpleStrategy"), ("replication_factor", "3"));
        var full = From(("class", "org.apache.cassandra.locator.SimpleStrategy"), ("replication_factor", "3"));
        Assert.Equal(ReplicationParams.SimpleStrategy, short_.StrategyClass);
        Assert.Equal(full.StrategyClass, short_.StrategyClass);
        Assert.Equal(3, short_.ReplicationFactorFor("anywhere"));
        Assert.Equal(new Dictionary<string, string> { ["class"] = ReplicationParams.SimpleStrategy, ["replication_factor"] = "3" }, short_.ToMap());
    }

    [Fact]
    public void SimpleStrategyMessages()
    {
        Assert.Equal("SimpleStrategy requires a replication_factor strategy option.", Error(("class", "SimpleStrategy")));
        Assert.Equal("Unrecognized strategy option {datacenter1} passed to SimpleStrategy for keyspace ks",
            Error(("class", "SimpleStrategy"), ("replication_factor", "1"), ("datacenter1", "1")));
        // Unknown options are reported before a missing factor, as validateExpectedOptions runs first.
        Assert.Equal("Unrecognized strategy option {foo} passed to SimpleStrategy for keyspace ks", Error(("class", "SimpleStrategy"), ("foo", "1")));
        Assert.Equal("Replication factor must be non-negative, found -1", Error(("class", "SimpleStrategy"), ("replication_factor", "-1")));
        Assert.Equal("For input string: \"three\"", Error(("class", "SimpleStrategy"), ("replication_factor", "three")));
        Assert.Equal("Transient replication is not enabled on this node", Error(("class", "SimpleStrategy"), ("replication_factor", "3/1")));
        Assert.Equal("Replication factor format is <replicas> or <replicas>/<transient>", Error(("class", "SimpleStrategy"), ("replication_factor", "3/")));
    }

    [Fact]
    public void NetworkTopologyStrategyNamesKnownDatacenters()
    {
        var nts = From(("class", "NetworkTopologyStrategy"), ("datacenter1", "3"), ("dc2", "0"));
        Assert.Equal(ReplicationParams.NetworkTopologyStrategy, nts.StrategyClass);
        Assert.Equal(3, nts.ReplicationFactorFor("datacenter1"));
        Assert.Equal(0, nts.ReplicationFactorFor("dc2"));
        Assert.Equal(0, nts.ReplicationFactorFor("dc3"));

        Assert.Equal("Unrecognized strategy option {dc9} passed to NetworkTopologyStrategy for keyspace ks",
            Error(("class", "NetworkTopologyStrategy"), ("dc9", "x")));
        Assert.Equal("Configuration for at least one datacenter must be present", Error(("class", "NetworkTopologyStrategy"), ("datacenter1", "0")));
        Assert.Equal("For input string: \"many\"", Error(("class", "NetworkTopologyStrategy"), ("datacenter1", "many")));
    }

    [Fact]
    public void NetworkTopologyStrategyExpandsReplicationFactorIntoUnnamedDatacenters()
    {
        var nts = From(("class", "NetworkTopologyStrategy"), ("replication_factor", "2"), ("dc2", "5"));
        Assert.Equal(new Dictionary<string, string> { ["datacenter1"] = "2", ["dc2"] = "5" }, nts.Options);
        Assert.False(nts.ToMap().ContainsKey("replication_factor"));
    }

    [Fact]
    public void NetworkTopologyStrategyWithoutDatacentersTakesThePreviousFactorOrDefaultKeyspaceRf()
    {
        Assert.Equal(new Dictionary<string, string> { ["datacenter1"] = "1", ["dc2"] = "1" }, From(("class", "NetworkTopologyStrategy")).Options);
        // Datacenters with factor 0 are dropped.
        Assert.Equal(new Dictionary<string, string> { ["datacenter1"] = "3" }, From(("class", "NetworkTopologyStrategy"), ("datacenter1", "3"), ("dc2", "0")).Options);

        // ALTER: SimpleStrategy's factor carries over to NetworkTopologyStrategy; named datacenters are kept.
        var simple = new Dictionary<string, string> { ["replication_factor"] = "3" };
        var alteredToNts = ReplicationParams.FromMap(new Dictionary<string, string> { ["class"] = "NetworkTopologyStrategy" }, "ks", Datacenters, simple);
        Assert.Equal(new Dictionary<string, string> { ["datacenter1"] = "3", ["dc2"] = "3" }, alteredToNts.Options);
        var nts = new Dictionary<string, string> { ["datacenter1"] = "5" };
        var expanded = ReplicationParams.FromMap(new Dictionary<string, string> { ["class"] = "NetworkTopologyStrategy", ["replication_factor"] = "2" }, "ks", Datacenters, nts);
        Assert.Equal(new Dictionary<string, string> { ["datacenter1"] = "5", ["dc2"] = "2" }, expanded.Options);
    }

    [Fact]
    public void StrategyClassProblems()
    {
        Assert.Equal("Missing replication strategy class", Error(("replication_factor", "1")));
        Assert.Equal("Unable to find replication strategy class 'org.apache.cassandra.locator.NoSuchStrategy'",
            Error(("class", "NoSuchStrategy"), ("replication_factor", "1")));
        Assert.Equal("Unable to use given strategy class: LocalStrategy is reserved for internal use.", Error(("class", "LocalStrategy")));
    }
}
