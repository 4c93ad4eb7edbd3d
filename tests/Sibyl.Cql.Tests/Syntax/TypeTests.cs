using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class TypeTests
{
    [Theory]
    [InlineData("ascii")]
    [InlineData("bigint")]
    [InlineData("blob")]
    [InlineData("boolean")]
    [InlineData("counter")]
    [InlineData("date")]
    [InlineData("decimal")]
    [InlineData("double")]
    [InlineData("duration")]
    [InlineData("float")]
    [InlineData("inet")]
    [InlineData("int")]
    [InlineData("smallint")]
    [InlineData("text")]
    [InlineData("time")]
    [InlineData("timestamp")]
    [InlineData("timeuuid")]
    [InlineData("tinyint")]
    [InlineData("uuid")]
    [InlineData("varchar")]
    [InlineData("varint")]
    public void ParsesNativeTypes(string name)
    {
        Assert.Equal(new RawNativeType(name), CqlParser.ParseType(name));
        Assert.Equal(new RawNativeType(name), CqlParser.ParseType(name.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("list<int>", "list<int>")]
    [InlineData("SET<text>", "set<text>")]
    [InlineData("map<text, int>", "map<text, int>")]
    [InlineData("map<text,frozen<list<int>>>", "map<text, frozen<list<int>>>")]
    [InlineData("frozen<set<uuid>>", "frozen<set<uuid>>")]
    [InlineData("tuple<int, text, float>", "tuple<int, text, float>")]
    [InlineData("tuple<int>", "tuple<int>")]
    [InlineData("vector<float, 3>", "vector<float, 3>")]
    [InlineData("vector<float,1536>", "vector<float, 1536>")]
    [InlineData("address", "address")]
    [InlineData("ks.address", "ks.address")]
    [InlineData("\"Address\"", "\"Address\"")]
    [InlineData("frozen<address>", "frozen<address>")]
    [InlineData("list<frozen<ks.address>>", "list<frozen<ks.address>>")]
    [InlineData("'org.apache.cassandra.db.marshal.BytesType'", "'org.apache.cassandra.db.marshal.BytesType'")]
    [InlineData("key", "key")]
    [InlineData("map", "map")]
    public void ParsesComplexTypes(string cql, string expected)
    {
        var type = CqlParser.ParseType(cql);
        Assert.Equal(expected, type.ToCql());
        Assert.Equal(type, CqlParser.ParseType(type.ToCql()));
    }

    [Fact]
    public void BuildsTheExpectedTree()
    {
        var expected = new RawMapType(new RawNativeType("text"), new RawFrozenType(new RawListType(new RawUserType(new QualifiedName("ks", "udt")))));
        Assert.Equal(expected, CqlParser.ParseType("map<text, frozen<list<ks.udt>>>"));
        Assert.Equal(new RawVectorType(new RawNativeType("float"), 5), CqlParser.ParseType("vector<float, 5>"));
    }

    [Theory]
    [InlineData("list<int")]
    [InlineData("map<int>")]
    [InlineData("vector<float>")]
    [InlineData("vector<float, x>")]
    [InlineData("frozen<>")]
    [InlineData("byte")]
    [InlineData("enum")]
    [InlineData("ks.int")]
    [InlineData("ttl")]
    [InlineData("select")]
    public void RejectsInvalidTypes(string cql)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.ParseType(cql));
    }
}
