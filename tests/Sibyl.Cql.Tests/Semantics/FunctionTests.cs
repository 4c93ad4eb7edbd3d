using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Tests.Semantics;

public class FunctionTests
{
    private static MemoryQueryContext Numbers()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE n (k int PRIMARY KEY, t tinyint, s smallint, i int, b bigint, f float, d double, m decimal, v varint, ts timestamp, dt date, u timeuuid, tx text)");
        node.Execute("INSERT INTO n (k, t, s, i, b, f, d, m, v, ts, dt, tx) VALUES (1, 2, 3, 4, 5, 1.5, 2.5, 10, 7, '2020-01-31 10:00:00+0000', '2020-01-31', 'hello')");
        return node;
    }

    private static RowsResult Select(MemoryQueryContext node, string selection) =>
        Assert.IsType<RowsResult>(node.Execute($"SELECT {selection} FROM n WHERE k = 1"));

    [Theory]
    [InlineData("t + t", "tinyint")]
    [InlineData("t + i", "int")]
    [InlineData("i * b", "bigint")]
    [InlineData("t + f", "float")]
    [InlineData("i + f", "float")]
    [InlineData("b + f", "double")]
    [InlineData("v + i", "varint")]
    [InlineData("m / i", "decimal")]
    [InlineData("f - m", "decimal")]
    public void ArithmeticResultTypesFollowOperandSizes(string expression, string type)
    {
        var rows = Select(Numbers(), expression);
        Assert.Equal(type, rows.Columns[0].Type.CqlName);
        Assert.Equal(expression, rows.Columns[0].Name);
    }

    [Fact]
    public void ArithmeticComputesLikeJava()
    {
        var node = Numbers();
        Assert.Equal(new object?[] { 6, 1.25, (short)-3, new System.Numerics.BigInteger(3) }, Assert.Single(node.Rows("SELECT i + 2, d / 2, -s, v % i FROM n WHERE k = 1")));
        Assert.Equal("3.33333333333333333333333333333333", ((CqlDecimal)node.Value("SELECT m / 3 FROM n WHERE k = 1")!).ToString());
        Assert.Equal((sbyte)-128, node.Value("SELECT (tinyint)127 + t - (tinyint)1 FROM n WHERE k = 1"));
        var e = Assert.Throws<FunctionFailureException>(() => node.Execute("SELECT i / (int)0 FROM n WHERE k = 1"));
        Assert.Equal("the operation 'int / int' failed: / by zero", e.Message);
        Assert.Equal("the '+' operation is not supported between i and tx",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT i + tx FROM n WHERE k = 1")).Message);
        Assert.Equal("hello world", node.Value("SELECT tx + ' world' FROM n WHERE k = 1"));
    }

    [Fact]
    public void ArithmeticInValuesTakesTheReceiverType()
    {
        var node = Numbers();
        node.Execute("INSERT INTO n (k, b, ts) VALUES (2, 40 + 2, '2020-01-31 10:00:00+0000')");
        Assert.Equal(42L, node.Value("SELECT b FROM n WHERE k = 2"));
        Assert.Contains("Ambiguous '+' operation", Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO n (k, i) VALUES (3, ? + 1)", 1)).Message);
    }

    [Fact]
    public void OperatorResolutionUsesTheReceiverTypeToDisambiguate()
    {
        var node = Numbers();
        node.Execute("INSERT INTO n (k, t) VALUES (7, 1 + ?)", (sbyte)2);
        Assert.Equal((sbyte)3, node.Value("SELECT t FROM n WHERE k = 7"));
        node.Execute("INSERT INTO n (k, ts) VALUES (8, ? - 1h)", DateTimeOffset.Parse("2020-01-01T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse("2020-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), node.Value("SELECT ts FROM n WHERE k = 8"));
        Assert.StartsWith("Ambiguous call to function system.castAsInt",
            Assert.Throws<InvalidRequestException>(() => node.Prepare("INSERT INTO n (k, i) VALUES (9, CAST(? AS int))")).Message);
        Assert.Equal("the operation 'decimal + double' failed: A NaN cannot be converted into a decimal",
            Assert.Throws<FunctionFailureException>(() => node.Execute("SELECT m + NAN FROM n WHERE k = 1")).Message);
        Assert.Equal("5.2", node.Value("SELECT CAST((float)5.2 AS decimal) FROM n WHERE k = 1")!.ToString());
        var hinted = Assert.IsType<RowsResult>(node.Execute("SELECT (bigint)(i + b) FROM n WHERE k = 1"));
        Assert.Equal("(bigint)(i + b)", hinted.Columns[0].Name);
    }

    [Fact]
    public void TokenAsAValueUsesThePartitionKeyTypes()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE tk (k int PRIMARY KEY, b blob, t bigint)");
        node.Execute("INSERT INTO tk (k, b, t) VALUES (1234, token(1234), token(?))", 1234);
        var expected = Sibyl.Data.Model.PartitionKeys.Decorate([CqlType.Int.Decompose(1234)]).Token.Value;
        Assert.Equal(CqlType.BigInt.Decompose(expected), node.Value("SELECT b FROM tk WHERE k = 1234"));
        Assert.Equal(expected, node.Value("SELECT t FROM tk WHERE token(k) >= token(1234) AND token(k) <= token(1234)"));
        Assert.Equal("Invalid number of arguments in call to function system.token: 1 required but 2 provided",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO tk (k, t) VALUES (1, token(1, 2))")).Message);
    }

    [Fact]
    public void TemporalArithmeticWithDurations()
    {
        var node = Numbers();
        var row = Assert.Single(node.Rows("SELECT ts + 1mo, ts - 1d, dt + 1mo2d FROM n WHERE k = 1"));
        Assert.Equal(DateTimeOffset.Parse("2020-02-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), row[0]);
        Assert.Equal(DateTimeOffset.Parse("2020-01-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), row[1]);
        Assert.Equal("2020-03-02", row[2]!.ToString());
        Assert.Contains("day precision", Assert.Throws<FunctionFailureException>(() => node.Execute("SELECT dt - 10m FROM n WHERE k = 1")).Message);
    }

    [Fact]
    public void CastsConvertAndNameColumnsLikeCassandra()
    {
        var node = Numbers();
        var rows = Select(node, "CAST(i AS text), CAST(f AS int), CAST(b AS decimal), CAST(ts AS date), CAST(i AS int), CAST(d AS varint)");
        Assert.Equal(["cast(i as text)", "cast(f as int)", "cast(b as decimal)", "cast(ts as date)", "i", "cast(d as varint)"], rows.Columns.Select(c => c.Name));
        var values = rows.Rows[0].Select((v, i) => rows.Columns[i].Type.ToCqlString(v)).ToList();
        Assert.Equal(["'4'", "1", "5", "2020-01-31", "4", "2"], values);
        Assert.Equal("ts cannot be cast to boolean", Assert.Throws<InvalidRequestException>(() => Select(node, "CAST(ts AS boolean)")).Message);
        Assert.Equal("1.0", node.Value("SELECT CAST(CAST(i AS float) / f * (float)1.5 - (float)3 AS text) FROM n WHERE k = 1"));
    }

    [Fact]
    public void BlobConversionsRoundTripAndValidate()
    {
        var node = Numbers();
        Assert.Equal(4, node.Value("SELECT blobAsInt(intAsBlob(i)) FROM n WHERE k = 1"));
        Assert.Equal(new byte[] { 0, 0, 0, 4 }, node.Value("SELECT intasblob(i) FROM n WHERE k = 1"));
        node.Execute("INSERT INTO n (k, i) VALUES (5, blobAsInt(0x0000002a))");
        Assert.Equal(42, node.Value("SELECT i FROM n WHERE k = 5"));
        var e = Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO n (k, i) VALUES (6, blobAsInt(0x01))"));
        Assert.Equal("In call to function system.blobasint, value 0x01 is not a valid binary representation for type int", e.Message);
    }

    [Fact]
    public void TimeFunctionsConvertBetweenTimeTypes()
    {
        var node = Numbers();
        node.Execute("UPDATE n SET u = maxTimeuuid('2020-01-31 10:00:00+0000') WHERE k = 1");
        var row = Assert.Single(node.Rows("SELECT toDate(ts), toUnixTimestamp(ts), toTimestamp(dt), dateOf(u), unixTimestampOf(u), toDate(u) FROM n WHERE k = 1"));
        Assert.Equal("2020-01-31", row[0]!.ToString());
        Assert.Equal(1580464800000L, row[1]);
        Assert.Equal(DateTimeOffset.Parse("2020-01-31T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), row[2]);
        Assert.Equal(DateTimeOffset.Parse("2020-01-31T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), row[3]);
        Assert.Equal(1580464800000L, row[4]);
        Assert.Equal("2020-01-31", row[5]!.ToString());
    }

    [Fact]
    public void ResolutionErrorsUseCassandraMessages()
    {
        var node = Numbers();
        Assert.Equal("Unknown function nosuch called", Assert.Throws<InvalidRequestException>(() => Select(node, "nosuch(i)")).Message);
        Assert.Equal("Invalid number of arguments in call to function system.blobasint: 1 required but 2 provided",
            Assert.Throws<InvalidRequestException>(() => Select(node, "blobAsInt(i, i)")).Message);
        Assert.Equal("Type error: tx cannot be passed as argument 0 of function system.mintimeuuid of type timestamp",
            Assert.Throws<InvalidRequestException>(() => Select(node, "minTimeuuid(tx)")).Message);
        Assert.Equal("Type error: cannot assign result of function system.now (type timeuuid) to i (type int)",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO n (k, i) VALUES (9, now())")).Message);
        Assert.Contains("Aggregation", Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT * FROM n WHERE k = sum(1)")).Message);
    }

    [Fact]
    public void CollectionAndVectorFunctions()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TABLE c (k int PRIMARY KEY, m map<text, int>, l list<int>, v vector<float, 2>)");
        node.Execute("INSERT INTO c (k, m, l, v) VALUES (1, {'a': 1, 'b': 2}, [3, 1, 2], [1.0, 0.0])");
        var row = Assert.Single(node.Rows("SELECT map_keys(m), map_values(m), collection_count(l), collection_min(l), collection_max(l), collection_sum(l), collection_avg(l), similarity_cosine(v, v) FROM c WHERE k = 1"));
        Assert.Equal(new object?[] { "a", "b" }, ((System.Collections.IEnumerable)row[0]!).Cast<object?>());
        Assert.Equal(new object?[] { 1, 2 }, ((System.Collections.IEnumerable)row[1]!).Cast<object?>());
        Assert.Equal(new object?[] { 3, 1, 3, 6, 2, 1f }, row[2..]);
    }

    [Fact]
    public void FunctionsOverAggregates()
    {
        var node = Numbers();
        node.Execute("INSERT INTO n (k, ts) VALUES (2, '2021-05-01 00:00:00+0000')");
        Assert.Equal("2021-05-01", node.Value("SELECT toDate(max(ts)) FROM n")!.ToString());
    }
}
