using Sibyl.Schema.SystemTables;
using static Sibyl.Schema.Tests.SchemaFixture;

namespace Sibyl.Schema.Tests;

/// <summary>Schema snapshots are immutable versions; every change publishes a new one with a new schema_version.</summary>
public class SchemaSnapshotTests
{
    [Fact]
    public void EveryChangeGetsANewVersion()
    {
        var initial = SystemKeyspaces.InitialSchema();
        Assert.NotEqual(Guid.Empty, initial.Version);
        var created = initial.With(Keyspace(), "CREATE ks");
        var altered = created.With(Keyspace().WithoutTable("events"), "DROP TABLE ks.events");
        var recreated = altered.With(Keyspace(), "CREATE TABLE ks.events");
        var dropped = recreated.Without("ks", "DROP ks");
        var versions = new[] { initial.Version, created.Version, altered.Version, recreated.Version, dropped.Version };
        Assert.Equal(versions.Length, versions.Distinct().Count());
        Assert.All(versions, v => Assert.Equal(3, v.ToByteArray(bigEndian: true)[6] >> 4));   // name-based, version 3
    }

    [Fact]
    public void SnapshotsAreImmutableAndIndexTablesById()
    {
        var initial = SystemKeyspaces.InitialSchema();
        var created = initial.With(Keyspace(), "CREATE ks");
        Assert.Null(initial.GetKeyspace("ks"));
        Assert.Null(initial.GetTable(TableId));
        Assert.Same(created.GetTable("ks", "events"), created.GetTable(TableId));
        Assert.Null(created.Without("ks", "DROP ks").GetTable(TableId));
        Assert.NotNull(created.GetTable("system", "local"));
    }

    [Fact]
    public void ManagerPublishesChangesAndTellsListeners()
    {
        var manager = new SchemaManager(SystemKeyspaces.InitialSchema());
        var seen = new List<(SchemaSnapshot Before, SchemaSnapshot After)>();
        manager.Changed += (before, after) => seen.Add((before, after));

        var first = manager.Current;
        var after = manager.Apply(s => s.With(Keyspace(), "CREATE ks"));
        Assert.Same(after, manager.Current);
        Assert.NotNull(manager.Current.GetTable(TableId));
        var change = Assert.Single(seen);
        Assert.Same(first, change.Before);
        Assert.Same(after, change.After);
        Assert.NotEqual(first.Version, after.Version);
    }

    [Fact]
    public void ManagerIgnoresNoOpsAndKeepsSchemaWhenATransformationThrows()
    {
        var manager = new SchemaManager(SystemKeyspaces.InitialSchema());
        int changes = 0;
        manager.Changed += (_, _) => changes++;
        var current = manager.Current;
        Assert.Same(current, manager.Apply(s => s));
        Assert.Throws<InvalidOperationException>(() => manager.Apply(_ => throw new InvalidOperationException("refused")));
        Assert.Same(current, manager.Current);
        Assert.Equal(0, changes);
    }

    [Fact]
    public void TableMetadataOrdersColumnsAndBuildsTheComparator()
    {
        var table = Events();
        Assert.Equal(["day", "bucket"], table.PartitionKeyColumns.Select(c => c.Name));
        Assert.Equal(["ts", "seq"], table.ClusteringColumns.Select(c => c.Name));
        Assert.Equal(["owner"], table.StaticColumns.Select(c => c.Name));
        Assert.Equal(["attrs", "payload", "tags"], table.RegularColumns.Select(c => c.Name));
        // SELECT * lists static columns before regular ones, as Cassandra does.
        Assert.Equal(["day", "bucket", "ts", "seq", "owner", "attrs", "payload", "tags"], table.AllColumnsInSelectOrder.Select(c => c.Name));
        Assert.True(table.Comparator.IsReversed(0));
        Assert.False(table.Comparator.IsReversed(1));
        Assert.True(table.HasStaticColumns);
        Assert.Equal("ks.events", table.QualifiedName);
    }

    [Fact]
    public void SystemTableIdsAreNameBased()
    {
        // Cassandra's TableId.forSystemTable: UUID.nameUUIDFromBytes(keyspace + table).
        var expected = NameBasedUuid.Create(System.Text.Encoding.UTF8.GetBytes("systemlocal"));
        Assert.Equal(expected, SystemKeyspaces.Local.Id);
        // Java: UUID.nameUUIDFromBytes("systemlocal".getBytes()) = 7ad54392-bcdd-35a6-8417-4e047860b377
        Assert.Equal(new Guid("7ad54392-bcdd-35a6-8417-4e047860b377"), SystemKeyspaces.Local.Id);
    }
}
