using System.Collections.Immutable;
using Sibyl.Schema.Persistence;
using Sibyl.Schema.SystemTables;
using static Sibyl.Schema.Tests.SchemaFixture;

namespace Sibyl.Schema.Tests;

/// <summary>Index metadata: targets, default names, persistence in schema.json and system_schema.indexes rows.</summary>
public class IndexMetadataTests
{
    private static IndexMetadata Index(string name, string target, string? className = null)
    {
        var options = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        options["target"] = target;
        if (className is not null) options["class_name"] = className;
        return new IndexMetadata(name, className is null ? IndexKind.Composites : IndexKind.Custom, options.ToImmutable(), Guid.NewGuid());
    }

    [Theory]
    [InlineData("v", "v", IndexTargetType.Simple)]
    [InlineData("values(tags)", "tags", IndexTargetType.Values)]
    [InlineData("keys(m)", "m", IndexTargetType.Keys)]
    [InlineData("entries(m)", "m", IndexTargetType.Entries)]
    [InlineData("full(f)", "f", IndexTargetType.Full)]
    [InlineData("\"Quoted\"\"Name\"", "Quoted\"Name", IndexTargetType.Simple)]
    [InlineData("keys(\"MyMap\")", "MyMap", IndexTargetType.Keys)]
    public void TargetsRoundTrip(string target, string column, IndexTargetType type)
    {
        Assert.Equal((column, type), IndexMetadata.ParseTarget(target));
        Assert.Equal(target, IndexMetadata.TargetString(column, type));
    }

    [Fact]
    public void DefaultNamesDropNonWordCharacters()
    {
        Assert.Equal("users_location_idx", IndexMetadata.DefaultName("users", "location"));
        Assert.Equal("t_WeirdColumn_idx", IndexMetadata.DefaultName("t", "Weird Column!"));
        Assert.False(IndexMetadata.IsValidName("bad-name"));
        Assert.True(IndexMetadata.IsValidName("Good_Name1"));
    }

    [Fact]
    public void IndexesSurviveTheSchemaFileAndAreListedInSystemSchema()
    {
        var table = Events().WithIndexes([Index("events_payload_idx", "payload"), Index("by_tags", "values(tags)", IndexMetadata.StorageAttachedIndexClass)]);
        var keyspace = Keyspace().WithTable(table);
        var loaded = Assert.Single(SchemaStore.Deserialize(SchemaStore.Serialize([keyspace])));
        var indexes = loaded.GetTable("events")!.Indexes;
        Assert.Equal(table.Indexes.Select(Describe), indexes.Select(Describe));
        Assert.True(indexes[0].IsStorageAttached);

        var schema = SystemKeyspaces.InitialSchema().With(keyspace, "CREATE ks");
        var rows = Rows(SystemKeyspaces.Indexes, schema).Where(r => (string)r["keyspace_name"]! == "ks").ToList();
        Assert.Equal(["by_tags", "events_payload_idx"], rows.Select(r => (string)r["index_name"]!));
        Assert.Equal(["CUSTOM", "COMPOSITES"], rows.Select(r => (string)r["kind"]!));
        var built = Rows(SystemKeyspaces.IndexInfo, schema).Select(r => ((string)r["table_name"]!, (string)r["index_name"]!)).ToList();
        Assert.Equal([("ks", "by_tags"), ("ks", "events_payload_idx")], built);
        // Altering the table keeps its indexes.
        Assert.Equal(table.Indexes, table.WithParams(table.Params).Indexes);
    }

    private static string Describe(IndexMetadata i) =>
        $"{i.Name}|{i.Kind}|{i.Id}|" + string.Join(",", i.Options.Select(kv => kv.Key + "=" + kv.Value));
}
