using Sibyl.Common.Errors;
using Sibyl.Stress;

namespace Sibyl.Client.Tests;

public sealed class StressOptionsTests
{
    [Fact]
    public void Defaults_follow_the_brief()
    {
        var options = StressOptions.TryParse(["write"], out var error)!;
        Assert.Null(error);
        Assert.Equal(StressWorkloadKind.Write, options.Workload);
        Assert.Equal(100_000, options.Keys);
        Assert.Equal(100, options.ValueSize);
        Assert.Equal(16, options.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Null(options.Operations);
        Assert.Equal("sibyl_stress", options.Keyspace);
        Assert.Equal(KeyDistribution.Uniform, options.Distribution);
    }

    [Fact]
    public void Every_option_parses()
    {
        var options = StressOptions.TryParse(["mixed", "--host", "10.0.0.1,10.0.0.2", "--port", "9043", "--keys", "5M", "--value-size", "200",
            "--dist", "zipf", "--concurrency", "64", "--ops", "1000", "--consistency", "local_quorum", "--keyspace", "ks1",
            "--json", "--html", "out.html", "--warmup", "5s", "--ratio", "write=1,read=3", "--compression", "lz4", "--duration=2m"], out var error);
        Assert.True(options is not null, error);
        Assert.Equal(StressWorkloadKind.Mixed, options!.Workload);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], options.Hosts);
        Assert.Equal(9043, options.Port);
        Assert.Equal(5_000_000, options.Keys);
        Assert.Equal(200, options.ValueSize);
        Assert.Equal(KeyDistribution.Zipf, options.Distribution);
        Assert.Equal(64, options.Concurrency);
        Assert.Equal(1000, options.Operations);
        Assert.Equal(ConsistencyLevel.LocalQuorum, options.Consistency);
        Assert.Equal("ks1", options.Keyspace);
        Assert.True(options.Json);
        Assert.Equal("out.html", options.HtmlFile);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Warmup);
        Assert.Equal((1, 3), (options.WriteRatio, options.ReadRatio));
        Assert.Equal(CqlCompression.Lz4, options.Compression);
        Assert.Equal(TimeSpan.FromMinutes(2), options.Duration);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1h", 3600)]
    [InlineData("45", 45)]
    public void Durations_parse(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), StressOptions.ParseDuration("--duration", text));

    [Fact]
    public void Timeseries_and_colon_ratio_parse()
    {
        var options = StressOptions.TryParse(["timeseries-slice", "--ratio", "1:9", "--slice-size", "20"], out _)!;
        Assert.Equal(StressWorkloadKind.TimeseriesSlice, options.Workload);
        Assert.Equal((1, 9), (options.WriteRatio, options.ReadRatio));
        Assert.Equal(20, options.SliceSize);
    }

    [Theory]
    [InlineData(new string[0], "Missing workload")]
    [InlineData(new[] { "scan" }, "Unknown workload")]
    [InlineData(new[] { "write", "--concurrency", "0" }, "--concurrency")]
    [InlineData(new[] { "write", "--duration", "soon" }, "--duration")]
    [InlineData(new[] { "write", "--dist", "normal" }, "distribution")]
    [InlineData(new[] { "write", "--consistency", "MOST" }, "consistency")]
    [InlineData(new[] { "write", "--keyspace", "drop table" }, "keyspace")]
    [InlineData(new[] { "write", "--bogus", "1" }, "Unknown option")]
    [InlineData(new[] { "write", "--ops" }, "needs a value")]
    [InlineData(new[] { "mixed", "--ratio", "write=0,read=0" }, "positive")]
    public void Bad_arguments_are_rejected_with_a_message(string[] args, string expected)
    {
        Assert.Null(StressOptions.TryParse(args, out var error));
        Assert.Contains(expected, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Zipf_keys_are_skewed_and_uniform_keys_are_not()
    {
        var zipf = new KeyGenerator(100_000, KeyDistribution.Zipf);
        var uniform = new KeyGenerator(100_000, KeyDistribution.Uniform);
        var random = new Random(1);
        var zipfCounts = new Dictionary<long, int>();
        var uniformCounts = new Dictionary<long, int>();
        for (int i = 0; i < 100_000; i++)
        {
            long z = zipf.Next(random), u = uniform.Next(random);
            Assert.InRange(z, 0, 99_999);
            Assert.InRange(u, 0, 99_999);
            zipfCounts[z] = zipfCounts.GetValueOrDefault(z) + 1;
            uniformCounts[u] = uniformCounts.GetValueOrDefault(u) + 1;
        }
        // With exponent 0.99 over 100k keys the most popular key takes several percent of all draws.
        Assert.True(zipfCounts.Values.Max() > 3_000, $"hottest zipf key drawn {zipfCounts.Values.Max()} times");
        Assert.True(uniformCounts.Values.Max() < 20);
        Assert.True(zipfCounts.Count < uniformCounts.Count / 2);
    }
}
