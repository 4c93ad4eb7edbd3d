using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Types;

public class ValidationTests
{
    private static readonly UserType Address = new("ks", "address", ["street", "zip"], [CqlType.Text, CqlType.Int], isMultiCell: false);

    public static TheoryData<string, string, string> Rejections => new()
    {
        { "int", "000001", "Expected 4 or 0 byte int (3)" },
        { "bigint", "000001", "Expected 8 or 0 byte long (3)" },
        { "counter", "01", "Expected 8 or 0 byte long (1)" },
        { "smallint", "", "Expected 2 bytes for a smallint (0)" },
        { "tinyint", "0102", "Expected 1 byte for a tinyint (2)" },
        { "boolean", "0101", "Expected 1 or 0 byte value (2)" },
        { "float", "0102030405", "Expected 4 or 0 byte value for a float (5)" },
        { "double", "01020304", "Expected 8 or 0 byte value for a double (4)" },
        { "timestamp", "01020304", "Expected 8 or 0 byte long for date (4)" },
        { "date", "", "Expected 4 byte long for date (0)" },
        { "time", "01020304", "Expected 8 byte long for time (4)" },
        { "uuid", "00112233445566778899aabbccddee", "UUID should be 16 or 0 bytes (15)" },
        { "timeuuid", "00112233445566778899aabbccddeeff", "Invalid version for TimeUUID type." },
        { "inet", "0102030405", "Expected 4 or 16 byte inetaddress; got 0102030405" },
        { "text", "c328", "String didn't validate." },
        { "text", "eda080", "String didn't validate." },
        { "ascii", "6180", "Invalid byte for ascii: -128" },
        { "decimal", "000001", "Expected 0 or at least 4 bytes (3)" },
        { "duration", "0202", "Expected at least 3 bytes for a duration (2)" },
        { "duration", "020100", "The duration months, days and nanoseconds must be all of the same sign (1, -1, 0)" },
        { "duration", "020280", "Not enough bytes to read a duration" },
        { "list<int>", "000001", "Not enough bytes to read a list" },
        { "list<int>", "00000002" + "0000000400000001", "Not enough bytes to read a list" },
        { "list<int>", "00000001" + "0000000400000001" + "ff", "Unexpected extraneous bytes after list value" },
        { "list<int>", "00000001" + "00000003000001", "Expected 4 or 0 byte int (3)" },
        { "list<int>", "00000001" + "ffffffff", "Null value read when not allowed" },
        { "set<text>", "00000001" + "00000002c328", "String didn't validate." },
        { "set<text>", "00000001" + "0000000561", "Not enough bytes to read a set" },
        { "map<text, int>", "00000001" + "0000000161", "Not enough bytes to read a map" },
        { "map<text, int>", "00000001" + "0000000161" + "0000000100", "Expected 4 or 0 byte int (1)" },
        { "frozen<list<list<int>>>", "00000001" + "00000008" + "00000001" + "ffffffff", "Null value read when not allowed" },
        { "tuple<int, text>", "0000000400000001" + "00000001" + "61" + "00", "Invalid remaining data after end of tuple value" },
        { "tuple<int, text>", "00000004000001", "Not enough bytes to read 0th component" },
        { "tuple<int, text>", "0000000400000001" + "0000", "Not enough bytes to read size of 1th component" },
        { "tuple<int, text>", "00000003000001", "Expected 4 or 0 byte int (3)" },
        { "frozen<address>", "00000005616263", "Not enough bytes to read 0th field street" },
        { "frozen<address>", "ffffffff" + "ffffffff" + "ff", "Invalid remaining data after end of UDT value" },
        { "vector<float, 3>", "3f8000003f800000", "Not enough bytes to read a vector<float, 3>" },
        { "vector<float, 2>", "3f8000003f80000000", "Unexpected 1 extraneous bytes after vector<float, 2> value" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void InvalidValuesAreRejectedWithCassandraMessages(string typeName, string hex, string message)
    {
        CqlType type = CqlType.ParseName(typeName, name => name == "address" ? Address : null);
        var e = Assert.Throws<MarshalException>(() => type.Validate(Convert.FromHexString(hex)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("int", "")]
    [InlineData("bigint", "")]
    [InlineData("boolean", "")]
    [InlineData("blob", "")]
    [InlineData("text", "")]
    [InlineData("text", "e282ac")]
    [InlineData("varint", "")]
    [InlineData("varint", "00ff")]
    [InlineData("uuid", "")]
    [InlineData("inet", "")]
    [InlineData("list<int>", "")]
    [InlineData("list<int>", "00000000")]
    [InlineData("tuple<int, text>", "00000004" + "00000001")]
    [InlineData("tuple<int, text>", "ffffffff" + "ffffffff")]
    [InlineData("frozen<address>", "")]
    public void ValidValuesAreAccepted(string typeName, string hex)
    {
        CqlType type = CqlType.ParseName(typeName, name => name == "address" ? Address : null);
        type.Validate(Convert.FromHexString(hex));
    }
}
