using Sibyl.Cql.Syntax;

namespace Sibyl.Cql.Tests.Syntax;

public class BindMarkerTests
{
    [Theory]
    [InlineData("SELECT * FROM t", 0)]
    [InlineData("SELECT * FROM t WHERE k = ?", 1)]
    [InlineData("SELECT ?, :a FROM t WHERE k = ? AND c IN ? LIMIT ?", 5)]
    [InlineData("INSERT INTO t (a, b, c) VALUES (?, ?, ?) USING TTL ? AND TIMESTAMP ?", 5)]
    [InlineData("UPDATE t USING TTL ? SET m[?] = ?, l = l + ? WHERE k = ? IF v IN (?, ?)", 7)]
    [InlineData("DELETE m[?] FROM t USING TIMESTAMP ? WHERE (a, b) IN (?, ?)", 4)]
    [InlineData("INSERT INTO t JSON ?", 1)]
    [InlineData("SELECT * FROM t WHERE k = (int) ? AND v = [?, {?: ?}] AND w = f(?, (?, ?))", 7)]
    public void CountsMarkers(string cql, int count)
    {
        var parsed = CqlParser.Parse(cql);
        Assert.Equal(count, parsed.BindMarkerCount);
        Assert.Equal(count, parsed.BindVariables.Count);
    }

    [Fact]
    public void NumbersMarkersInOrderOfAppearance()
    {
        var parsed = CqlParser.Parse("UPDATE t USING TTL :ttl SET v = ? WHERE k = :k AND c IN ?");
        Assert.Equal(ValueList.Of<string?>("ttl", null, "k", null), parsed.BindVariables);
        var update = Assert.IsType<RawUpdateStatement>(parsed.Statement);
        Assert.Equal(new RawBindMarker(0, "ttl"), update.Attributes.TimeToLive);
        Assert.Equal(new RawBindMarker(1, null), update.Operations[0].Value);
        Assert.Equal(new RawBindMarker(2, "k"), ((SingleColumnRelation)update.Where[0]).Value);
        Assert.Equal(new RawBindMarker(3, null), ((SingleColumnRelation)update.Where[1]).Value);
    }

    [Fact]
    public void NamedMarkersKeepCaseRulesAndRepeat()
    {
        var parsed = CqlParser.Parse("SELECT * FROM t WHERE a = :Name AND b = :\"Name\" AND c = :name");
        Assert.Equal(ValueList.Of<string?>("name", "Name", "name"), parsed.BindVariables);
    }

    [Fact]
    public void SpeculationDoesNotLeakMarkers()
    {
        // "json" is first tried as the JSON keyword; the failed attempt must not number markers.
        var parsed = CqlParser.Parse("SELECT json, ? FROM t WHERE k = ?");
        Assert.Equal(2, parsed.BindMarkerCount);
        var select = Assert.IsType<RawSelectStatement>(parsed.Statement);
        Assert.False(select.IsJson);
        Assert.Equal(new TermSelectable(new RawBindMarker(0, null)), select.Selectors[1].Selectable);
        Assert.Equal(new RawBindMarker(1, null), ((SingleColumnRelation)select.Where[0]).Value);
    }

    [Fact]
    public void TypeHintSpeculationKeepsNumbering()
    {
        var parsed = CqlParser.Parse("SELECT * FROM t WHERE a = (?, ?) AND b = (int) ?");
        Assert.Equal(3, parsed.BindMarkerCount);
        var select = Assert.IsType<RawSelectStatement>(parsed.Statement);
        Assert.Equal(new RawTypeHint(new RawNativeType("int"), new RawBindMarker(2, null)), ((SingleColumnRelation)select.Where[1]).Value);
    }
}
