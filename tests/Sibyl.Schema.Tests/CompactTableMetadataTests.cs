using Sibyl.Data.Types;
using Sibyl.Schema.Persistence;

namespace Sibyl.Schema.Tests;

/// <summary>The COMPACT STORAGE flag: Cassandra 3.11's dense/compound derivation, hidden column names, persistence.</summary>
public class CompactTableMetadataTests
{
    private static TableMetadata Table(bool compact, params (string Name, ColumnKind Kind)[] columns)
    {
        var list = new List<ColumnMetadata>();
        int pk = 0, ck = 0;
        foreach (var (name, kind) in columns)
        {
            int position = kind switch { ColumnKind.PartitionKey => pk++, ColumnKind.Clustering => ck++, _ => -1 };
            list.Add(new ColumnMetadata(name, CqlType.Int, kind, position, kind == ColumnKind.Clustering ? ClusteringOrder.Asc : ClusteringOrder.None));
        }
        return new TableMetadata("ks", "t", Guid.NewGuid(), list, TableParams.Default) { IsCompactStorage = compact };
    }

    [Fact]
    public void FlagsFollowCassandra311()
    {
        Assert.Equal(["compound"], Table(false, ("k", ColumnKind.PartitionKey), ("v", ColumnKind.Regular)).Flags);
        var staticCompact = Table(true, ("k", ColumnKind.PartitionKey), ("v", ColumnKind.Regular));
        Assert.Empty(staticCompact.Flags);
        Assert.True(staticCompact.IsStaticCompact);
        Assert.False(staticCompact.IsDense);
        var dense = Table(true, ("k", ColumnKind.PartitionKey), ("c", ColumnKind.Clustering), ("v", ColumnKind.Regular));
        Assert.Equal(["dense"], dense.Flags);
        Assert.Equal("v", dense.CompactValueColumn?.Name);
        Assert.Equal(["compound", "dense"],
            Table(true, ("k", ColumnKind.PartitionKey), ("c1", ColumnKind.Clustering), ("c2", ColumnKind.Clustering)).Flags);
    }

    [Fact]
    public void HiddenColumnsAvoidDeclaredNames()
    {
        var t = Table(true, ("k", ColumnKind.PartitionKey), ("column1", ColumnKind.Regular), ("value", ColumnKind.Regular));
        Assert.Equal([("column2", "text", ColumnKind.Clustering), ("value1", "blob", ColumnKind.Regular)], t.HiddenCompactColumns());
        Assert.Equal(ColumnKind.Static, t.SchemaKindOf(t.GetColumn("column1")!));
        Assert.Empty(Table(false, ("k", ColumnKind.PartitionKey), ("v", ColumnKind.Regular)).HiddenCompactColumns());
        Assert.Equal([("value", "empty", ColumnKind.Regular)],
            Table(true, ("k", ColumnKind.PartitionKey), ("c", ColumnKind.Clustering)).HiddenCompactColumns());
    }

    [Fact]
    public void FlagSurvivesSaveLoadAndCopies()
    {
        string dir = Path.Combine(Path.GetTempPath(), "sibyl-compact-" + Guid.NewGuid().ToString("N"));
        try
        {
            var compact = Table(true, ("k", ColumnKind.PartitionKey), ("c", ColumnKind.Clustering), ("v", ColumnKind.Regular));
            var ks = SchemaFixture.Keyspace().WithTable(compact);
            var store = new SchemaStore(dir);
            store.Save(SchemaFixture.WithKeyspace().With(ks, "add t"));
            var loaded = new SchemaStore(dir).Load().Single(k => k.Name == "ks").GetTable("t")!;
            Assert.True(loaded.IsCompactStorage);
            Assert.False(new SchemaStore(dir).Load().Single(k => k.Name == "ks").GetTable("events")!.IsCompactStorage);
            Assert.True(loaded.WithParams(loaded.Params).IsCompactStorage);
            Assert.True(loaded.WithIndexes([]).IsCompactStorage);
            Assert.False(loaded.WithCompactStorage(false).IsCompactStorage);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
