namespace Sibyl.Schema.Tests;

/// <summary>Identifier quoting, name validation, system keyspace classification and name-based UUIDs.</summary>
public class SchemaNamingTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("a_1", "a_1")]
    [InlineData("Abc", "\"Abc\"")]
    [InlineData("1abc", "\"1abc\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    public void QuoteOnlyWhatCqlCannotReadUnquoted(string name, string cql) => Assert.Equal(cql, Identifiers.Quote(name));

    [Theory]
    [InlineData("ks_1", true)]
    [InlineData("Ks", true)]
    [InlineData("", false)]
    [InlineData("a-b", false)]
    [InlineData("é", false)]
    public void ValidNamesAreWordCharacters(string name, bool valid) => Assert.Equal(valid, SchemaConstants.IsValidName(name));

    [Fact]
    public void SystemKeyspaceClassification()
    {
        Assert.True(SchemaConstants.IsSystemKeyspace("system"));
        Assert.True(SchemaConstants.IsSystemKeyspace("system_schema"));
        Assert.False(SchemaConstants.IsSystemKeyspace("system_auth"));
        Assert.True(SchemaConstants.IsReplicatedSystemKeyspace("system_auth"));
        Assert.False(SchemaConstants.IsReplicatedSystemKeyspace("ks"));
        Assert.Equal(48, SchemaConstants.NameLength);
    }

    [Fact]
    public void NameBasedUuidMatchesJava()
    {
        // java.util.UUID.nameUUIDFromBytes(new byte[0]) = d41d8cd9-8f00-3204-a980-0998ecf8427e
        Assert.Equal(new Guid("d41d8cd9-8f00-3204-a980-0998ecf8427e"), NameBasedUuid.Create([]));
    }
}
