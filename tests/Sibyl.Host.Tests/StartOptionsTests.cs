using Microsoft.Extensions.Logging;
using Sibyl.Host.Configuration;

namespace Sibyl.Host.Tests;

public class StartOptionsTests
{
    [Fact]
    public void DefaultsWhenNoOptions()
    {
        StartOptions o = StartOptions.Parse([]);
        Assert.Null(o.ConfigFile);
        Assert.Equal(new ConfigOverrides(), o.Overrides);
        Assert.Equal(LogLevel.Information, o.MinimumLogLevel);
    }

    [Fact]
    public void ParsesSeparateAndInlineValues()
    {
        StartOptions o = StartOptions.Parse(["--data-dir", "/tmp/d", "--port=9142", "--admin-port", "7299",
            "--listen", "127.0.0.3", "--config=/etc/sibyl.yaml", "--log-level", "debug"]);
        Assert.Equal("/etc/sibyl.yaml", o.ConfigFile);
        Assert.Equal(new ConfigOverrides { DataDirectory = "/tmp/d", NativeTransportPort = 9142, AdminPort = 7299, ListenAddress = "127.0.0.3" }, o.Overrides);
        Assert.Equal(LogLevel.Debug, o.MinimumLogLevel);
    }

    [Fact]
    public void ReportsEveryBadOption()
    {
        var e = Assert.Throws<ConfigurationException>(() => StartOptions.Parse(["--bogus", "--port", "99999", "--log-level=loud", "--data-dir"]));
        Assert.Equal(
        [
            "Unknown option '--bogus'",
            "Invalid value for '--port': '99999' (expected a port from 1 to 65535)",
            "Invalid value for '--log-level': 'loud' (expected trace, debug, info, warn or error)",
            "Missing value for option '--data-dir'",
        ], e.Errors);
    }
}
