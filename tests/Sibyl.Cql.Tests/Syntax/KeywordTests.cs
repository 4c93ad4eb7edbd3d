using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class KeywordTests
{
    public static TheoryData<string> UnreservedWords()
    {
        var data = new TheoryData<string>();
        foreach (var w in CqlKeywords.BasicUnreserved.Concat(CqlKeywords.NativeTypes).Concat(CqlKeywords.ColumnOnlyUnreserved).Order(StringComparer.Ordinal))
            data.Add(w);
        return data;
    }

    public static TheoryData<string> ReservedWords()
    {
        var data = new TheoryData<string>();
        foreach (var w in CqlKeywords.Reserved.Order(StringComparer.Ordinal))
            data.Add(w);
        return data;
    }

    [Theory]
    [MemberData(nameof(UnreservedWords))]
    public void UnreservedKeywordsNameColumnsAndTables(string word)
    {
        var select = Assert.IsType<RawSelectStatement>(CqlParser.Parse($"SELECT {word} FROM {word}.{word} WHERE {word} = 1").Statement);
        Assert.Equal(new QualifiedName(word, word), select.Table);
        var selectable = select.Selectors[0].Selectable;
        Assert.Equal(new ColumnSelectable(word), selectable);
        Assert.Equal(word, ((SingleColumnRelation)select.Where[0]).Column);

        var create = Assert.IsType<RawCreateTableStatement>(CqlParser.Parse($"CREATE TABLE t ({word} int PRIMARY KEY)").Statement);
        Assert.Equal(word, create.Columns[0].Name);

        var update = Assert.IsType<RawUpdateStatement>(CqlParser.Parse($"UPDATE t SET {word} = {word} + 1 WHERE k = 1").Statement);
        Assert.Equal(UpdateOperationKind.Addition, update.Operations[0].Kind);
    }

    [Theory]
    [MemberData(nameof(ReservedWords))]
    public void ReservedKeywordsCannotNameColumns(string word)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse($"CREATE TABLE t ({word} int PRIMARY KEY)"));
        Assert.Throws<CqlSyntaxException>(() => CqlParser.Parse($"SELECT * FROM t WHERE {word} = 1"));
    }

    [Theory]
    [MemberData(nameof(ReservedWords))]
    public void ReservedKeywordsWorkWhenQuoted(string word)
    {
        var create = Assert.IsType<RawCreateTableStatement>(CqlParser.Parse($"CREATE TABLE \"{word}\" (\"{word}\" int PRIMARY KEY)").Statement);
        Assert.Equal(word, create.Columns[0].Name);
        Assert.Equal("\"" + word + "\"", CqlNames.MaybeQuote(word));
    }

    [Theory]
    [InlineData("select")]
    [InlineData("from")]
    [InlineData("where")]
    [InlineData("and")]
    [InlineData("token")]
    [InlineData("null")]
    [InlineData("not")]
    [InlineData("in")]
    [InlineData("set")]
    [InlineData("table")]
    [InlineData("keyspace")]
    [InlineData("primary")]
    [InlineData("if")]
    [InlineData("is")]
    [InlineData("nan")]
    [InlineData("infinity")]
    [InlineData("or")]
    [InlineData("full")]
    [InlineData("entries")]
    public void KnownReservedWords(string word)
    {
        Assert.True(CqlKeywords.IsReserved(word));
    }

    [Theory]
    [InlineData("key")]
    [InlineData("type")]
    [InlineData("value")]
    [InlineData("ttl")]
    [InlineData("timestamp")]
    [InlineData("count")]
    [InlineData("list")]
    [InlineData("map")]
    [InlineData("keys")]
    [InlineData("date")]
    [InlineData("json")]
    [InlineData("distinct")]
    [InlineData("writetime")]
    [InlineData("static")]
    [InlineData("exists")]
    [InlineData("role")]
    public void KnownUnreservedWords(string word)
    {
        Assert.False(CqlKeywords.IsReserved(word));
    }

    [Theory]
    [InlineData("MyCol", "mycol")]
    [InlineData("a_1", "a_1")]
    [InlineData("select", "\"select\"")]
    [InlineData("Select", "\"Select\"")]
    [InlineData("1abc", "\"1abc\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("quote\"d", "\"quote\"\"d\"")]
    [InlineData("", "\"\"")]
    public void MaybeQuote(string name, string expected)
    {
        var value = name == "MyCol" ? name.ToLowerInvariant() : name;
        Assert.Equal(expected, CqlNames.MaybeQuote(value));
    }

    [Theory]
    [InlineData("ttl")]
    [InlineData("writetime")]
    [InlineData("key")]
    [InlineData("cast")]
    [InlineData("json")]
    [InlineData("distinct")]
    public void ColumnOnlyKeywordsAreNotFunctionNames(string word)
    {
        Assert.Throws<CqlSyntaxException>(() => CqlParser.ParseTerm($"{word}(1)"));
    }

    [Theory]
    [InlineData("token")]
    [InlineData("count")]
    [InlineData("text")]
    [InlineData("map")]
    [InlineData("custom")]
    public void FunctionKeywordsAreFunctionNames(string word)
    {
        var call = Assert.IsType<RawFunctionCall>(CqlParser.ParseTerm($"{word}(1)"));
        Assert.Equal(word, call.Name.Name);
    }
}
