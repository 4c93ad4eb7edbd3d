using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class DescribeTests
{
    [Theory]
    [InlineData("DESCRIBE CLUSTER", DescribeKind.Cluster, null, null)]
    [InlineData("DESC SCHEMA", DescribeKind.Schema, null, null)]
    [InlineData("DESC FULL SCHEMA", DescribeKind.Schema, null, null)]
    [InlineData("DESCRIBE KEYSPACES", DescribeKind.Keyspaces, null, null)]
    [InlineData("DESCRIBE KEYSPACE", DescribeKind.Keyspace, null, null)]
    [InlineData("DESCRIBE KEYSPACE ks", DescribeKind.Keyspace, null, "ks")]
    [InlineData("DESCRIBE ONLY KEYSPACE ks", DescribeKind.Keyspace, null, "ks")]
    [InlineData("DESC TABLES", DescribeKind.Tables, null, null)]
    [InlineData("DESC TABLE ks.t", DescribeKind.Table, "ks", "t")]
    [InlineData("DESC COLUMNFAMILY t", DescribeKind.Table, null, "t")]
    [InlineData("DESC INDEX ks.idx", DescribeKind.Index, "ks", "idx")]
    [InlineData("DESC MATERIALIZED VIEW ks.v", DescribeKind.MaterializedView, "ks", "v")]
    [InlineData("DESC TYPES", DescribeKind.Types, null, null)]
    [InlineData("DESC TYPE ks.address", DescribeKind.Type, "ks", "address")]
    [InlineData("DESC FUNCTIONS", DescribeKind.Functions, null, null)]
    [InlineData("DESC FUNCTION ks.f", DescribeKind.Function, "ks", "f")]
    [InlineData("DESC AGGREGATES", DescribeKind.Aggregates, null, null)]
    [InlineData("DESC AGGREGATE avg2", DescribeKind.Aggregate, null, "avg2")]
    [InlineData("DESCRIBE ks.thing", DescribeKind.Generic, "ks", "thing")]
    [InlineData("DESCRIBE thing", DescribeKind.Generic, null, "thing")]
    [InlineData("DESCRIBE type", DescribeKind.Generic, null, "type")]
    [InlineData("DESCRIBE \"Mixed\"", DescribeKind.Generic, null, "Mixed")]
    public void Forms(string cql, DescribeKind kind, string? keyspace, string? name)
    {
        var describe = Assert.IsType<RawDescribeStatement>(CqlParser.Parse(cql).Statement);
        Assert.Equal(kind, describe.Kind);
        Assert.Equal(keyspace, describe.Name?.Keyspace);
        Assert.Equal(name, describe.Name?.Name);
    }

    [Fact]
    public void Flags()
    {
        var full = Assert.IsType<RawDescribeStatement>(CqlParser.Parse("DESC FULL SCHEMA WITH INTERNALS").Statement);
        Assert.True(full.FullSchema);
        Assert.True(full.WithInternals);
        var only = Assert.IsType<RawDescribeStatement>(CqlParser.Parse("DESC ONLY KEYSPACE ks WITH INTERNALS;").Statement);
        Assert.True(only.Only);
        Assert.True(only.WithInternals);
        var plain = Assert.IsType<RawDescribeStatement>(CqlParser.Parse("DESC KEYSPACE WITH INTERNALS").Statement);
        Assert.Null(plain.Name);
        Assert.True(plain.WithInternals);
    }

    [Theory]
    [InlineData("DESCRIBE")]
    [InlineData("DESCRIBE TABLE")]
    [InlineData("DESCRIBE MATERIALIZED t")]
    [InlineData("DESCRIBE ks.t WITH")]
    [InlineData("DESCRIBE FULL KEYSPACE ks")]
    public void Invalid(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse(cql));
    }
}
