using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;

namespace Sibyl.Cql.Tests.Semantics;

public class SelectionTermTests
{
    private static MemoryQueryContext Node()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE v (k int, c int, x int, e vector<float, 2>, PRIMARY KEY (k, c))");
        node.Execute("INSERT INTO v (k, c, x, e) VALUES (1, 1, 10, [1.0, 0.0])");
        node.Execute("INSERT INTO v (k, c, x, e) VALUES (1, 2, 20, [0.0, 1.0])");
        return node;
    }

    [Fact]
    public void BindMarkersInTheSelectionTakeTheParameterType()
    {
        var node = Node();
        var statement = node.Prepare("SELECT x + (int)?, blobAsInt(?) FROM v WHERE k = ?");
        Assert.Equal(["arg1(system._add)", "arg0(system.blobasint)", "k"], statement.BindVariables.Select(b => b.Name));
        var rows = node.Rows("SELECT x + (int)?, blobAsInt(?) FROM v WHERE k = ?", 5, new byte[] { 0, 0, 0, 7 }, 1);
        Assert.Equal(new object?[] { 15, 7 }, rows[0]);
        Assert.Equal(new object?[] { 25, 7 }, rows[1]);
        Assert.StartsWith("Ambiguous call to function system._add", Assert.Throws<InvalidRequestException>(() => node.Prepare("SELECT x + ? FROM v")).Message);
    }

    [Fact]
    public void SimilarityInfersVectorLiteralsFromTheOtherArgument()
    {
        var node = Node();
        var rows = node.Rows("SELECT similarity_dot_product(e, [1.0, 0.0]), similarity_euclidean([1.0, 0.0], [1.0, 0.0]) FROM v WHERE k = 1");
        Assert.Equal(new object?[] { 1f, 1f }, rows[0]);
        Assert.Equal(new object?[] { 0.5f, 1f }, rows[1]);
        Assert.Equal("All arguments must have the same vector dimensions",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT similarity_cosine(e, [1.0, 2.0, 3.0]) FROM v")).Message);
        Assert.StartsWith("Function system.similarity_cosine requires a float vector argument",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT similarity_cosine(x, [1.0, 2.0]) FROM v")).Message);
        Assert.StartsWith("Function system.similarity_cosine requires a float vector argument",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT similarity_cosine(e, 'dog') FROM v")).Message);
        Assert.StartsWith("Cannot infer type of argument ?",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT similarity_cosine(?, ?) FROM v")).Message);
        Assert.StartsWith("Type error: [1.0, 'a'] cannot be passed as argument 1",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT similarity_cosine(e, [1.0, 'a']) FROM v")).Message);
    }

    [Fact]
    public void AggregatesIgnoreTheirLimitWhenFolding()
    {
        var node = Node();
        Assert.Equal(2L, node.Value("SELECT count(*) FROM v WHERE k = 1 LIMIT 1"));
        Assert.Equal("count", Assert.IsType<RowsResult>(node.Execute("SELECT count(1) FROM v")).Columns[0].Name);
        var paged = Assert.IsType<RowsResult>(node.Execute("SELECT count(*), max(x) FROM v WHERE k = 1", 1, null));
        Assert.Single(paged.Rows);
        Assert.Null(paged.PagingState);
    }

    [Fact]
    public void CollectionAndTupleLiteralsCheckTheirElements()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE lt (k int PRIMARY KEY, l list<int>, m map<text, int>, t frozen<tuple<int, text>>)");
        Assert.Equal("Invalid list literal for l: value 'a' is not of type int",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO lt (k, l) VALUES (1, [1, 'a'])")).Message);
        Assert.Equal("Invalid map literal for m: key 1 is not of type text",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO lt (k, m) VALUES (1, {1: 1})")).Message);
        Assert.Equal("Invalid tuple literal for t: component 1 is not of type text",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO lt (k, t) VALUES (1, (1, 2))")).Message);
        Assert.Contains("unset", Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO lt (k, t) VALUES (1, (1, ?))", QueryOptions.Unset)).Message);
        node.Execute("INSERT INTO lt (k, t) VALUES (1, '3:x')");
        Assert.Equal(new List<object?> { 3, "x" }, node.Value("SELECT t FROM lt WHERE k = 1"));
    }

    [Fact]
    public void TypeHintsMustFitBothTheTermAndTheReceiver()
    {
        var node = Node();
        Assert.Equal("Cannot assign value (blob)0x01 to x of type int",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO v (k, c, x) VALUES (1, 3, (blob)0x01)")).Message);
        Assert.Equal("Cannot cast value 'a' to type int",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO v (k, c, x) VALUES (1, 3, (int)'a')")).Message);
        node.Execute("INSERT INTO v (k, c, x) VALUES (1, 3, (int)?)", 30);
        Assert.Equal(30, node.Value("SELECT x FROM v WHERE k = 1 AND c = 3"));
    }

    [Fact]
    public void FieldOperationsOnNonUserTypeOrFrozenColumnsAreRefused()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TYPE t (a int)");
        node.Execute("CREATE TABLE f (k int PRIMARY KEY, fr frozen<t>, nf t, i int)");
        Assert.Equal("Frozen UDT column fr does not support field deletion",
            Assert.Throws<InvalidRequestException>(() => node.Execute("DELETE fr.a FROM f WHERE k = 1")).Message);
        Assert.Equal("Invalid field deletion operation for non-UDT column i",
            Assert.Throws<InvalidRequestException>(() => node.Execute("DELETE i.a FROM f WHERE k = 1")).Message);
        Assert.Equal("Invalid operation (fr.a = 1) for frozen UDT column fr",
            Assert.Throws<InvalidRequestException>(() => node.Execute("UPDATE f SET fr.a = 1 WHERE k = 1")).Message);
        Assert.Equal("UDT column nf does not have a field named b",
            Assert.Throws<InvalidRequestException>(() => node.Execute("UPDATE f SET nf.b = 1 WHERE k = 1")).Message);
        node.Execute("UPDATE f SET nf.a = 1 WHERE k = 1");
        Assert.Equal(1, node.Value("SELECT nf.a FROM f WHERE k = 1"));
        node.Execute("UPDATE f SET nf = {a: 5} WHERE k = 1");
        Assert.Equal(5, node.Value("SELECT nf.a FROM f WHERE k = 1"));
    }
}
