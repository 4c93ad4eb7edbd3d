using System.Text.Json;
using Sibyl.Common.Errors;
using Sibyl.Protocol;
using Sibyl.Stress;

namespace Sibyl.Client.Tests;

public sealed class StressCommandTests
{
    /// <summary>A fake that accepts the stress schema, prepares anything, and answers reads with one row.</summary>
    private static FakeCqlServer StressServer(Func<int, RequestException?>? failEvery = null)
    {
        var server = new FakeCqlServer();
        var statements = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        int executions = 0;
        server.Handler = message =>
        {
            switch (message)
            {
                case QueryMessage:
                    return Task.FromResult<ResponseMessage>(new VoidResultMessage());
                case PrepareMessage prepare:
                    {
                        byte[] id = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(prepare.Query));
                        statements[Convert.ToHexString(id)] = prepare.Query;
                        bool select = prepare.Query.StartsWith("SELECT", StringComparison.Ordinal);
                        var variables = select
                            ? new[] { FakeCqlServer.Column("key", ProtocolDataType.Bigint) }
                            : [FakeCqlServer.Column("key", ProtocolDataType.Bigint), FakeCqlServer.Column("value", ProtocolDataType.Blob)];
                        var result = select ? new ResultMetadata([FakeCqlServer.Column("value", ProtocolDataType.Blob)]) : ResultMetadata.Empty;
                        return Task.FromResult<ResponseMessage>(new PreparedResultMessage(id, variables, [0], result));
                    }
                case ExecuteMessage execute:
                    {
                        if (failEvery?.Invoke(Interlocked.Increment(ref executions)) is { } failure)
                            throw failure;
                        string query = statements[Convert.ToHexString(execute.Id)];
                        if (query.StartsWith("SELECT", StringComparison.Ordinal))
                            return Task.FromResult<ResponseMessage>(new RowsResultMessage(ResultMetadata.WithoutColumns(1), [[new byte[] { 1, 2 }]]));
                        return Task.FromResult<ResponseMessage>(new VoidResultMessage());
                    }
                default:
                    throw new InvalidRequestException("unexpected");
            }
        };
        return server;
    }

    [Fact]
    public async Task Json_report_has_the_documented_shape()
    {
        await using var server = StressServer();
        string html = Path.Combine(Path.GetTempPath(), $"sibyl-stress-{Guid.NewGuid():N}.html");
        var output = new StringWriter();
        try
        {
            int exit = await StressCommand.RunAsync(["mixed", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--ops", "600", "--warmup", "300ms", "--concurrency", "8", "--keys", "1000", "--ratio", "write=1,read=2", "--json", "--html", html], output, CancellationToken.None);
            Assert.True(exit == 0, output.ToString());

            using var json = JsonDocument.Parse(output.ToString());
            var root = json.RootElement;
            Assert.Equal("mixed", root.GetProperty("workload").GetString());
            Assert.Equal(600, root.GetProperty("operations").GetInt64());
            Assert.True(root.GetProperty("ops_per_second").GetDouble() > 0);
            foreach (string p in new[] { "mean", "p50", "p95", "p99", "p999", "max" })
                Assert.True(root.GetProperty("latency_ms").GetProperty(p).GetDouble() >= 0);
            var latency = root.GetProperty("latency_ms");
            Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p99").GetDouble());
            Assert.True(latency.GetProperty("p99").GetDouble() <= latency.GetProperty("max").GetDouble());
            var byOperation = root.GetProperty("by_operation");
            long writes = byOperation.GetProperty("write").GetProperty("operations").GetInt64();
            long reads = byOperation.GetProperty("read").GetProperty("operations").GetInt64();
            Assert.Equal(600, writes + reads);
            Assert.InRange(reads, 300, 500);
            Assert.Equal(reads, root.GetProperty("rows_read").GetInt64());
            Assert.Equal(0, root.GetProperty("errors").GetInt64());
            Assert.Equal(JsonValueKind.Object, root.GetProperty("errors_by_kind").ValueKind);
            Assert.True(root.GetProperty("intervals").GetArrayLength() >= 1);
            Assert.Equal("ONE", root.GetProperty("options").GetProperty("consistency").GetString());

            string page = await File.ReadAllTextAsync(html);
            Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
            Assert.Contains("<svg", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(html);
        }
    }

    [Fact]
    public async Task Errors_are_counted_by_kind_and_the_text_report_shows_them()
    {
        await using var server = StressServer(n => n % 10 == 0 ? new WriteTimeoutException(ConsistencyLevel.One, 0, 1, WriteType.SIMPLE, "timed out") : null);
        var output = new StringWriter();
        int exit = await StressCommand.RunAsync(["write", "--port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--duration", "1500ms", "--concurrency", "4", "--keys", "100"], output, CancellationToken.None);

        string text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("Op rate", text, StringComparison.Ordinal);
        Assert.Contains("Latency 99.9th percentile", text, StringComparison.Ordinal);
        Assert.Contains("WriteTimeout", text, StringComparison.Ordinal);
        Assert.Contains("p99 ms", text, StringComparison.Ordinal); // the progress header
    }

    [Fact]
    public async Task Bad_arguments_exit_with_2_and_usage()
    {
        var output = new StringWriter();
        Assert.Equal(2, await StressCommand.RunAsync(["write", "--concurrency", "x"], output, CancellationToken.None));
        Assert.Contains("usage: sibyl stress", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_server_exits_with_1()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var output = new StringWriter();
        Assert.Equal(1, await StressCommand.RunAsync(["write", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ops", "1"], output, CancellationToken.None));
        Assert.Contains("cannot connect", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_uses_standard_cql_only()
    {
        var write = new StressWorkload(StressOptions.TryParse(["write"], out _)!).SchemaStatements();
        Assert.Contains(write, s => s.Contains("CREATE TABLE IF NOT EXISTS sibyl_stress.standard (key bigint PRIMARY KEY, value blob)", StringComparison.Ordinal));
        var series = new StressWorkload(StressOptions.TryParse(["timeseries-slice", "--keyspace", "ts"], out _)!).SchemaStatements();
        Assert.StartsWith("CREATE KEYSPACE IF NOT EXISTS ts WITH replication = {'class': 'SimpleStrategy'", series[0], StringComparison.Ordinal);
        Assert.Contains("CLUSTERING ORDER BY (ts DESC)", series[1], StringComparison.Ordinal);
    }
}
