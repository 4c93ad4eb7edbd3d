using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Types;

public class CompositeTypeTests
{
    private static readonly UserType Address = new("ks", "address", ["street", "Zip"], [CqlType.Text, CqlType.Int], isMultiCell: true);

    private static UserType? Resolve(string name) => name == "address" ? Address : null;

    [Theory]
    [InlineData("int", "int")]
    [InlineData("VARCHAR", "text")]
    [InlineData("list<int>", "list<int>")]
    [InlineData("frozen<list<int>>", "frozen<list<int>>")]
    [InlineData("FROZEN< LIST <INT> >", "frozen<list<int>>")]
    [InlineData("map<text, int>", "map<text, int>")]
    [InlineData("map<varchar,frozen<list<int>>>", "map<text, frozen<list<int>>>")]
    [InlineData("map<text, list<int>>", "map<text, frozen<list<int>>>")]
    [InlineData("set<frozen<map<int, text>>>", "set<frozen<map<int, text>>>")]
    [InlineData("tuple<int, text>", "frozen<tuple<int, text>>")]
    [InlineData("frozen<tuple<int, list<text>>>", "frozen<tuple<int, frozen<list<text>>>>")]
    [InlineData("list<tuple<int, text>>", "list<frozen<tuple<int, text>>>")]
    [InlineData("address", "address")]
    [InlineData("frozen<address>", "frozen<address>")]
    [InlineData("set<address>", "set<frozen<address>>")]
    [InlineData("vector<float, 3>", "vector<float, 3>")]
    [InlineData("vector<text,2>", "vector<text, 2>")]
    [InlineData("counter", "counter")]
    [InlineData("duration", "duration")]
    public void NamesParseAndPrintAsSystemSchemaShowsThem(string input, string cqlName)
    {
        CqlType type = CqlType.ParseName(input, Resolve);
        Assert.Equal(cqlName, type.CqlName);
        Assert.Equal(type, CqlType.ParseName(type.CqlName, Resolve));
    }

    [Fact]
    public void ScalarNamesResolveToSharedInstances()
    {
        Assert.Same(CqlType.Text, CqlType.ParseName("varchar"));
        Assert.Same(CqlType.Int, CqlType.ParseName("int"));
        Assert.Same(CqlType.Timeuuid, CqlType.ParseName("timeuuid"));
    }

    [Theory]
    [InlineData("list<int")]
    [InlineData("map<int>")]
    [InlineData("nosuchtype")]
    [InlineData("vector<float, 0>")]
    [InlineData("int int")]
    public void BadNamesAreRejected(string input) =>
        Assert.Throws<ArgumentException>(() => CqlType.ParseName(input, Resolve));

    [Fact]
    public void FreezeFreezesAndKeepsElements()
    {
        var list = new ListType(CqlType.Int, isMultiCell: true);
        Assert.True(list.IsMultiCell && list.IsCollection);
        CqlType frozen = list.Freeze();
        Assert.False(frozen.IsMultiCell);
        Assert.Equal("frozen<list<int>>", frozen.CqlName);
        Assert.NotEqual<CqlType>(list, frozen);
        Assert.Same(CqlType.Int, CqlType.Int.Freeze());
        Assert.Equal("frozen<address>", Address.Freeze().CqlName);
    }

    [Fact]
    public void MarshalClassNamesFollowCassandra()
    {
        Assert.Equal("org.apache.cassandra.db.marshal.Int32Type", CqlType.Int.MarshalClassName);
        Assert.Equal("org.apache.cassandra.db.marshal.UTF8Type", CqlType.Text.MarshalClassName);
        Assert.Equal("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)",
            CqlType.ParseName("vector<float, 3>").MarshalClassName);
        Assert.Equal("org.apache.cassandra.db.marshal.MapType(org.apache.cassandra.db.marshal.UTF8Type,org.apache.cassandra.db.marshal.Int32Type)",
            CqlType.ParseName("map<text, int>").MarshalClassName);
        Assert.Equal(CqlTypeKind.Custom, CqlType.ParseName("vector<float, 3>").Kind);
    }

    [Fact]
    public void ListsKeepOrderAndDuplicates()
    {
        var list = new ListType(CqlType.Int, isMultiCell: true);
        byte[] bytes = list.Decompose(new[] { 3, 1, 3 });
        Assert.Equal("00000003" + "0000000400000003" + "0000000400000001" + "0000000400000003", Convert.ToHexStringLower(bytes));
        Assert.Equal(new List<object?> { 3, 1, 3 }, list.Compose(bytes));
        Assert.Equal("[3, 1, 3]", list.ToCqlString(bytes));
        Assert.Equal("[]", list.ToCqlString(list.Decompose(Array.Empty<int>())));
    }

    [Fact]
    public void SetsAreSortedByElementTypeAndUnique()
    {
        var set = new SetType(CqlType.Int, isMultiCell: false);
        byte[] bytes = set.Decompose(new[] { 3, -1, 2, 3 });
        Assert.Equal(new List<object?> { -1, 2, 3 }, set.Compose(bytes));
        Assert.Equal("{-1, 2, 3}", set.ToCqlString(bytes));
        byte[] unsorted = CollectionSerializer.PackList([CqlType.Int.Decompose(2), CqlType.Int.Decompose(-1), CqlType.Int.Decompose(2)]);
        Assert.Equal(new List<object?> { -1, 2 }, set.Compose(set.Normalize(unsorted)));
        var texts = new SetType(CqlType.Text, isMultiCell: true);
        Assert.Equal("{'a', 'b''c'}", texts.ToCqlString(texts.Decompose(new[] { "b'c", "a" })));
    }

    [Fact]
    public void MapsAreSortedByKeyAndTheLastDuplicateWins()
    {
        var map = new MapType(CqlType.Text, CqlType.Int, isMultiCell: true);
        byte[] bytes = map.Decompose(new Dictionary<string, int> { ["b"] = 2, ["a"] = 1 });
        Assert.Equal("{'a': 1, 'b': 2}", map.ToCqlString(bytes));
        Assert.Equal(new List<KeyValuePair<object?, object?>> { new("a", 1), new("b", 2) }, map.Compose(bytes));
        byte[] packed = CollectionSerializer.PackMap(CqlType.Text,
            [new(CqlType.Text.Decompose("k"), CqlType.Int.Decompose(1)), new(CqlType.Text.Decompose("k"), CqlType.Int.Decompose(2))]);
        Assert.Equal("{'k': 2}", map.ToCqlString(packed));
        var entries = CollectionSerializer.ReadEntries(packed);
        Assert.Single(entries);
    }

    [Fact]
    public void NestedCollectionsPrintNested()
    {
        CqlType type = CqlType.ParseName("map<int, frozen<list<text>>>");
        var value = new Dictionary<int, List<string>> { [2] = ["x"], [1] = ["a", "b"] };
        byte[] bytes = type.Decompose(value);
        type.Validate(bytes);
        Assert.Equal("{1: ['a', 'b'], 2: ['x']}", type.ToCqlString(bytes));
    }

    [Fact]
    public void TuplesAndUserTypesRoundTrip()
    {
        var tuple = (TupleType)CqlType.ParseName("tuple<int, text, boolean>");
        byte[] bytes = tuple.Decompose((1, "a", (object?)null));
        Assert.Equal("00000004" + "00000001" + "00000001" + "61" + "ffffffff", Convert.ToHexStringLower(bytes));
        Assert.Equal(new List<object?> { 1, "a", null }, tuple.Compose(bytes));
        Assert.Equal("(1, 'a', null)", tuple.ToCqlString(bytes));
        Assert.Equal(bytes, tuple.FromString("1:a:@"));

        byte[] address = Address.Decompose(new Dictionary<string, object?> { ["Zip"] = 75001, ["street"] = "rue d'X" });
        Assert.Equal("{street: 'rue d''X', \"Zip\": 75001}", Address.ToCqlString(address));
        var composed = (Dictionary<string, object?>)Address.Compose(address)!;
        Assert.Equal(75001, composed["Zip"]);
        // A value written before the Zip field existed.
        byte[] old = TupleType.BuildValue([CqlType.Text.Decompose("s")]);
        Address.Validate(old);
        Assert.Null(((Dictionary<string, object?>)Address.Compose(old)!)["Zip"]);
        Assert.Equal("{street: 's'}", Address.ToCqlString(old));
    }

    [Fact]
    public void UserTypesKeepDeclaredFieldTypesWhileTuplesFreezeThem()
    {
        var list = new ListType(CqlType.Int, isMultiCell: true);
        var tuple = new TupleType([list]);
        Assert.False(tuple.Types[0].IsMultiCell);
        var udt = new UserType("ks", "t", ["l"], [list], isMultiCell: true);
        Assert.True(udt.FieldTypes[0].IsMultiCell);
        var frozen = (UserType)udt.Freeze();
        Assert.True(frozen.FieldTypes[0].IsMultiCell);
        // The value of a field is the same bytes whether its type is frozen or not.
        byte[] value = frozen.Decompose(new Dictionary<string, object?> { ["l"] = new List<int> { 1, 2 } });
        Assert.Equal(tuple.Decompose(new List<object?> { new List<int> { 1, 2 } }), value);
        Assert.Equal("{l: [1, 2]}", frozen.ToCqlString(value));
    }

    [Fact]
    public void UserTypeNamesAndFieldsAreQuotedWhenNeeded()
    {
        var odd = new UserType("ks", "My Type", ["select", "ok_1"], [CqlType.Int, CqlType.Int], isMultiCell: false);
        Assert.Equal("frozen<\"My Type\">", odd.CqlName);
        Assert.Equal("{\"select\": 1, ok_1: 2}", odd.ToCqlString(odd.Decompose(new Dictionary<string, object?> { ["select"] = 1, ["ok_1"] = 2 })));
        Assert.Same(odd, CqlType.ParseName("frozen<\"My Type\">", n => n == "My Type" ? odd : null));
    }

    [Fact]
    public void UserTypeEqualityIncludesKeyspaceAndFields()
    {
        var other = new UserType("other", "address", ["street", "Zip"], [CqlType.Text, CqlType.Int], isMultiCell: true);
        Assert.NotEqual<CqlType>(Address, other);
        Assert.Equal<CqlType>(Address, new UserType("ks", "address", ["street", "Zip"], [CqlType.Text, CqlType.Int], isMultiCell: true));
    }

    [Fact]
    public void VectorsOfFixedElementsAreConcatenatedOthersLengthPrefixed()
    {
        var floats = (VectorType)CqlType.ParseName("vector<float, 3>");
        byte[] bytes = floats.Decompose(new[] { 1.0f, 2.5f, -3f });
        Assert.Equal("3f800000" + "40200000" + "c0400000", Convert.ToHexStringLower(bytes));
        Assert.Equal("[1.0, 2.5, -3.0]", floats.ToCqlString(bytes));
        Assert.Equal(new List<object?> { 1.0f, 2.5f, -3f }, floats.Compose(bytes));
        Assert.Equal(bytes, floats.FromString("[1.0, 2.5, -3]"));
        Assert.Equal(12, floats.ValueLengthIfFixed);

        var texts = new VectorType(CqlType.Text, 2);
        byte[] t = texts.Decompose(new[] { "a", "bc" });
        Assert.Equal("0161" + "026263", Convert.ToHexStringLower(t));
        Assert.Equal("['a', 'bc']", texts.ToCqlString(t));
        var e = Assert.Throws<MarshalException>(() => floats.Decompose(new[] { 1f }));
        Assert.Equal("Invalid vector literal for value of type vector<float, 3>; expected 3 elements, but given 1", e.Message);
    }

    [Fact]
    public void CollectionFromStringIsHexAsCassandra()
    {
        var list = new ListType(CqlType.Int, isMultiCell: false);
        byte[] bytes = list.Decompose(new[] { 1 });
        Assert.Equal(bytes, list.FromString(Convert.ToHexStringLower(bytes)));
        Assert.Throws<MarshalException>(() => list.FromString("[1]"));
    }
}
