using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Cql.Results;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Tests.Semantics;

public class UserTypeTests
{
    private static MemoryQueryContext WithAddress()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TYPE address (street text, zip int)");
        node.Execute("CREATE TABLE people (id int PRIMARY KEY, home frozen<address>, work address)");
        return node;
    }

    [Fact]
    public void CreateTypeAnnouncesATypeChangeAndRefusesDuplicates()
    {
        var node = new MemoryQueryContext();
        var change = Assert.IsType<SchemaChangeResult>(node.Execute("CREATE TYPE t (a int)"));
        Assert.Equal(new SchemaChangeResult(SchemaChangeType.Created, SchemaChangeTarget.Type, "ks", "t"), change);
        var e = Assert.Throws<InvalidRequestException>(() => node.Execute("CREATE TYPE t (a int)"));
        Assert.Equal("A user type with name 't' already exists", e.Message);
        Assert.IsType<VoidResult>(node.Execute("CREATE TYPE IF NOT EXISTS t (b int)"));
        Assert.Equal("Duplicate field name 'a' in type 'u'", Assert.Throws<InvalidRequestException>(() => node.Execute("CREATE TYPE u (a int, a text)")).Message);
        Assert.Equal("A user type cannot contain counters", Assert.Throws<InvalidRequestException>(() => node.Execute("CREATE TYPE u (a counter)")).Message);
        Assert.Equal("A user type cannot contain non-frozen UDTs", Assert.Throws<InvalidRequestException>(() => node.Execute("CREATE TYPE u (a t)")).Message);
    }

    [Fact]
    public void FieldTypesStayAsDeclaredAndANonFrozenUdtCannotHoldNonFrozenCollections()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TYPE t (bar int, foo list<int>, fixed frozen<set<int>>)");
        var type = node.Schema.GetKeyspace("ks")!.Types["t"];
        Assert.Equal(["int", "list<int>", "frozen<set<int>>"], type.FieldTypes.Select(f => f.CqlName));
        Assert.Equal("Non-frozen UDTs with nested non-frozen collections are not supported",
            Assert.Throws<InvalidRequestException>(() => node.Execute("CREATE TABLE wrong (k int PRIMARY KEY, v t)")).Message);
        Assert.Null(node.Schema.GetTable("ks", "wrong"));

        node.Execute("CREATE TABLE ok (k int PRIMARY KEY, v frozen<t>, l list<frozen<t>>)");
        var column = node.Schema.GetTable("ks", "ok")!.GetColumn("v")!;
        Assert.Equal("frozen<t>", column.Type.CqlName);
        Assert.True(((UserType)column.Type).FieldTypes[1].IsMultiCell);
        node.Execute("INSERT INTO ok (k, v, l) VALUES (1, {bar: 1, foo: [2, 3], fixed: {4}}, [{foo: [5]}])");
        Assert.Equal(new List<int> { 2, 3 }, node.Value("SELECT v.foo FROM ok WHERE k = 1"));
        var l = Assert.IsType<List<object?>>(node.Value("SELECT l FROM ok WHERE k = 1"));
        Assert.Equal(new List<int> { 5 }, Assert.IsType<Dictionary<string, object?>>(Assert.Single(l))["foo"]);

        // Frozen collection fields are fine in a non-frozen UDT.
        node.Execute("CREATE TYPE u (bar int, fixed frozen<list<int>>)");
        node.Execute("CREATE TABLE fine (k int PRIMARY KEY, v u)");
        Assert.True(node.Schema.GetTable("ks", "fine")!.GetColumn("v")!.Type.IsMultiCell);
    }

    [Fact]
    public void LiteralsFieldSelectionAndWholeValuesRoundTrip()
    {
        var node = WithAddress();
        node.Execute("INSERT INTO people (id, home, work) VALUES (1, {street: 'Main', zip: 12345}, {zip: 7})");
        var row = Assert.Single(node.Rows("SELECT home.street, home.zip, work.street, work.zip FROM people WHERE id = 1"));
        Assert.Equal(new object?[] { "Main", 12345, null, 7 }, row);
        var home = Assert.IsType<Dictionary<string, object?>>(node.Value("SELECT home FROM people WHERE id = 1"));
        Assert.Equal("Main", home["street"]);
        var rows = Assert.IsType<RowsResult>(node.Execute("SELECT home.zip FROM people WHERE id = 1"));
        Assert.Equal("home.zip", rows.Columns[0].Name);
        Assert.Equal(CqlType.Int, rows.Columns[0].Type);
    }

    [Fact]
    public void LiteralErrorsFollowCassandra()
    {
        var node = WithAddress();
        Assert.Equal("Unknown field 'city' in value of user defined type address",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO people (id, home) VALUES (1, {city: 'x'})")).Message);
        Assert.Equal("Invalid user type literal for id of type int",
            Assert.Throws<InvalidRequestException>(() => node.Execute("INSERT INTO people (id, home) VALUES ({zip: 1}, null)")).Message);
        Assert.Contains("unset", Assert.Throws<InvalidRequestException>(() =>
            node.Execute("INSERT INTO people (id, home) VALUES (1, {street: ?, zip: ?})", "x", QueryOptions.Unset)).Message);
        Assert.Equal("Invalid field selection: id of type int is not a user type",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT id.a FROM people")).Message);
        Assert.Equal("home of type frozen<address> has no field city",
            Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT home.city FROM people")).Message);
    }

    [Fact]
    public void AlterTypeAddsAndRenamesFieldsOfExistingColumns()
    {
        var node = WithAddress();
        node.Execute("INSERT INTO people (id, home) VALUES (1, {street: 'Main', zip: 1})");
        var change = Assert.IsType<SchemaChangeResult>(node.Execute("ALTER TYPE address ADD city text"));
        Assert.Equal(SchemaChangeType.Updated, change.Change);
        Assert.Equal(SchemaChangeTarget.Type, change.Target);
        Assert.Null(node.Value("SELECT home.city FROM people WHERE id = 1"));
        node.Execute("ALTER TYPE address RENAME street TO road AND zip TO code");
        Assert.Equal(new object?[] { "Main", 1 }, Assert.Single(node.Rows("SELECT home.road, home.code FROM people WHERE id = 1")));
        var column = node.Schema.GetTable("ks", "people")!.GetColumn("home")!;
        Assert.Equal(["road", "code", "city"], ((UserType)column.Type).FieldNames);
        Assert.False(column.Type.IsMultiCell);
        Assert.Contains("already exists", Assert.Throws<InvalidRequestException>(() => node.Execute("ALTER TYPE address ADD city int")).Message);
        Assert.Equal("Unkown field nope in user type address", Assert.Throws<InvalidRequestException>(() => node.Execute("ALTER TYPE address RENAME nope TO x")).Message);
        Assert.Equal("Type ks.missing doesn't exist", Assert.Throws<InvalidRequestException>(() => node.Execute("ALTER TYPE missing ADD a int")).Message);
        Assert.IsType<VoidResult>(node.Execute("ALTER TYPE IF EXISTS missing ADD a int"));
    }

    [Fact]
    public void DropTypeIsRefusedWhileUsed()
    {
        var node = WithAddress();
        node.Execute("CREATE TYPE wrapper (a frozen<address>)");
        Assert.Equal("Cannot drop user type 'ks.address' as it is still used by user types wrapper",
            Assert.Throws<InvalidRequestException>(() => node.Execute("DROP TYPE address")).Message);
        node.Execute("DROP TYPE wrapper");
        Assert.Equal("Cannot drop user type 'ks.address' as it is still used by tables people",
            Assert.Throws<InvalidRequestException>(() => node.Execute("DROP TYPE address")).Message);
        node.Execute("DROP TABLE people");
        Assert.Equal(SchemaChangeType.Dropped, Assert.IsType<SchemaChangeResult>(node.Execute("DROP TYPE address")).Change);
        Assert.Equal("Type 'ks.address' doesn't exist", Assert.Throws<InvalidRequestException>(() => node.Execute("DROP TYPE address")).Message);
        Assert.IsType<VoidResult>(node.Execute("DROP TYPE IF EXISTS address"));
    }

    [Fact]
    public void WritetimeOfAFrozenFieldIsTheCellsAndPrimaryKeyFieldsAreRefused()
    {
        var node = new MemoryQueryContext();
        node.Execute("CREATE TYPE t (a int, b int)");
        node.Execute("CREATE TABLE w (p frozen<t> PRIMARY KEY, x frozen<t>)");
        node.Execute("INSERT INTO w (p, x) VALUES ({a: 1, b: 2}, {a: 3, b: 4}) USING TIMESTAMP 42");
        Assert.Equal(42L, node.Value("SELECT writetime(x.a) FROM w"));
        Assert.Contains("PRIMARY KEY", Assert.Throws<InvalidRequestException>(() => node.Execute("SELECT writetime(p.a) FROM w")).Message);
    }
}
