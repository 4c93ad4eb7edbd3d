using Sibyl.Host.Configuration;

namespace Sibyl.Host.Tests;

/// <summary>Guardrail settings of cassandra.yaml (Cassandra 5.0 names).</summary>
public class GuardrailConfigTests
{
    private static SibylConfig Parse(string yaml) => SibylConfigLoader.Parse(yaml, new ConfigOverrides());

    [Fact]
    public void CompactTablesEnabledDefaultsToTrueAndReadsBooleans()
    {
        Assert.True(Parse("").CompactTablesEnabled);
        Assert.False(Parse("compact_tables_enabled: false\n").CompactTablesEnabled);
        Assert.True(Parse("compact_tables_enabled: True\n").CompactTablesEnabled);
        var e = Assert.Throws<ConfigurationException>(() => Parse("compact_tables_enabled: maybe\n"));
        Assert.Equal(["Invalid value for 'compact_tables_enabled': 'maybe' (expected true or false)"], e.Errors);
    }
}
