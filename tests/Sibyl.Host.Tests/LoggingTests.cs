using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Sibyl.Host.Logging;

namespace Sibyl.Host.Tests;

public sealed class LoggingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sibyl-log-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void FormatsLikeCassandrasSystemLog()
    {
        string line = LogLineFormatter.Format(LogLevel.Information, "main", new DateTime(2026, 11, 21, 8, 0, 0, 123),
            "Sibyl.Host.Lifecycle.NodeRunner", "Node started", null);
        Assert.Equal("INFO  [main] 2026-11-21 08:00:00,123 NodeRunner.cs - Node started", line);
        Assert.StartsWith("WARN  [", LogLineFormatter.Format(LogLevel.Warning, "t", DateTime.Now, "X", "m", null));
        Assert.StartsWith("ERROR [", LogLineFormatter.Format(LogLevel.Critical, "t", DateTime.Now, "X", "m", null));
        Assert.StartsWith("DEBUG [", LogLineFormatter.Format(LogLevel.Debug, "t", DateTime.Now, "X", "m", null));
    }

    [Theory]
    [InlineData("Sibyl.Host.Lifecycle.NodeRunner", "NodeRunner.cs")]
    [InlineData("Plain", "Plain.cs")]
    [InlineData("Sibyl.Storage.Pool`1", "Pool.cs")]
    public void SourceNameIsTheLastSegment(string category, string expected) =>
        Assert.Equal(expected, LogLineFormatter.SourceName(category));

    [Fact]
    public void WritesToConsoleAndSystemLogAboveTheMinimumLevel()
    {
        var console = new StringWriter();
        using (var factory = SibylLoggerFactory.Create(LogLevel.Information, _dir, console))
        {
            ILogger logger = factory.CreateLogger("Sibyl.Tests.Widget");
            logger.LogDebug("hidden {Value}", 1);
            logger.LogInformation("shown {Value}", 42);
            logger.LogError(new InvalidOperationException("boom"), "failed");
            Assert.False(logger.IsEnabled(LogLevel.Debug));
        }

        string file = File.ReadAllText(Path.Combine(_dir, "system.log"));
        Assert.Equal(console.ToString(), file);
        string[] lines = file.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(new Regex(@"^INFO  \[[^\]]+\] \d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} Widget\.cs - shown 42$"), lines[0]);
        Assert.Matches(new Regex(@"^ERROR \[.+ Widget\.cs - failed$"), lines[1]);
        Assert.StartsWith("System.InvalidOperationException: boom", lines[2]);
        Assert.DoesNotContain("hidden", file);
    }

    [Fact]
    public void AppendsAcrossRestarts()
    {
        for (int i = 0; i < 2; i++)
        {
            using var factory = SibylLoggerFactory.Create(LogLevel.Information, _dir, console: null);
            factory.CreateLogger("A").LogInformation("run {Run}", i);
        }
        string[] lines = File.ReadAllLines(Path.Combine(_dir, "system.log"));
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("run 1", lines[1]);
    }

    [Fact]
    public void FactoryFansOutToEveryProvider()
    {
        var a = new StringWriter();
        var b = new StringWriter();
        using var factory = new SibylLoggerFactory(new SibylLoggerProvider(LogLevel.Warning, a, null));
        factory.AddProvider(new SibylLoggerProvider(LogLevel.Trace, b, null));
        ILogger logger = factory.CreateLogger("Cat");
        logger.LogInformation("info");
        logger.LogWarning("warn");
        Assert.DoesNotContain("info", a.ToString());
        Assert.Contains("warn", a.ToString());
        Assert.Contains("info", b.ToString());
        Assert.Contains("warn", b.ToString());
    }
}
