using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Admin;

namespace Sibyl.Host.Tests;

public class AdminServerTests
{
    private static AdminServer Server(INodeInfo? node = null) => new(node ?? new FakeNodeInfo(), NullLoggerFactory.Instance);

    private static AdminHttpRequest Get(string path) => new("GET", path, "", []);

    private static AdminHttpRequest Post(string path, string body = "") => new("POST", path, "", Encoding.UTF8.GetBytes(body));

    private static JsonElement Json(byte[] body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task StatusListsTheEndpoints()
    {
        (int code, byte[] body) = await Server().DispatchAsync(Get("/status"), CancellationToken.None);
        Assert.Equal(200, code);
        JsonElement row = Json(body).GetProperty("endpoints")[0];
        Assert.Equal("127.0.0.1", row.GetProperty("address").GetString());
        Assert.Equal("Up", row.GetProperty("status").GetString());
        Assert.Equal("Normal", row.GetProperty("state").GetString());
        Assert.Equal(3, row.GetProperty("tokens").GetInt32());
        Assert.Equal(1.0, row.GetProperty("owns").GetDouble());
    }

    [Fact]
    public async Task InfoReportsNodeAndRuntime()
    {
        (int code, byte[] body) = await Server().DispatchAsync(Get("/info"), CancellationToken.None);
        Assert.Equal(200, code);
        InfoReport info = JsonSerializer.Deserialize<InfoReport>(body, AdminJson.Options)!;
        Assert.Equal(Guid.Parse("6b4bd4f3-2f6e-4ad0-a6f7-6a4f0d8e1c2b"), info.HostId);
        Assert.Equal("4.1.0", info.ReleaseVersion);
        Assert.Equal(106_873, info.LoadBytes);
        Assert.InRange(info.UptimeSeconds, 89, 200);
        Assert.True(info.Runtime.HeapUsedBytes > 0);
        Assert.True(info.Runtime.HeapMaxBytes >= info.Runtime.HeapUsedBytes);
        Assert.True(info.Runtime.TotalAllocatedBytes > 0);
        Assert.Equal(["-9000", "0", "9000"], info.Tokens);
    }

    [Fact]
    public async Task OperationsAreDispatchedToTheirHandlers()
    {
        AdminServer server = Server();
        server.Register("flush", req => Task.FromResult<object>($"flushed {string.Join(",", req.Arguments)}"));
        server.Register("compact", _ => Task.FromResult<object>(new { Tables = 2 }));
        server.Register("refuse", _ => throw new AdminOperationException("Keyspace [nope] does not exist."));
        server.Register("crash", _ => throw new InvalidOperationException("bug"));

        (int code, byte[] body) = await server.DispatchAsync(Post("/op/flush", """{"args":["ks","t1"]}"""), CancellationToken.None);
        Assert.Equal((200, "flushed ks,t1"), (code, Json(body).GetProperty("result").GetString()));

        (code, body) = await server.DispatchAsync(Post("/op/FLUSH"), CancellationToken.None);
        Assert.Equal((200, "flushed "), (code, Json(body).GetProperty("result").GetString()));

        (code, body) = await server.DispatchAsync(Post("/op/compact"), CancellationToken.None);
        Assert.Equal((200, 2), (code, Json(body).GetProperty("result").GetProperty("tables").GetInt32()));

        (code, body) = await server.DispatchAsync(Post("/op/refuse"), CancellationToken.None);
        Assert.Equal((400, "Keyspace [nope] does not exist."), (code, Json(body).GetProperty("error").GetString()));

        (code, body) = await server.DispatchAsync(Post("/op/crash"), CancellationToken.None);
        Assert.Equal((500, "InvalidOperationException: bug"), (code, Json(body).GetProperty("error").GetString()));

        (code, body) = await server.DispatchAsync(Post("/op/repair"), CancellationToken.None);
        Assert.Equal((404, "Unknown operation 'repair'"), (code, Json(body).GetProperty("error").GetString()));

        (code, _) = await server.DispatchAsync(Post("/op/flush", "{not json"), CancellationToken.None);
        Assert.Equal(400, code);

        Assert.Equal(["compact", "crash", "flush", "refuse"], server.Operations);
        Assert.Throws<InvalidOperationException>(() => server.Register("flush", _ => Task.FromResult<object>("")));
    }

    [Fact]
    public async Task WrongMethodsAndPathsAreRefused()
    {
        AdminServer server = Server();
        Assert.Equal(405, (await server.DispatchAsync(Post("/status"), CancellationToken.None)).StatusCode);
        Assert.Equal(405, (await server.DispatchAsync(Get("/op/flush"), CancellationToken.None)).StatusCode);
        Assert.Equal(404, (await server.DispatchAsync(Get("/nothing"), CancellationToken.None)).StatusCode);
    }

    [Fact]
    public async Task ServesOverLoopbackAndStopsCleanly()
    {
        await using AdminServer server = Server();
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.LocalEndPoint!.Port}/") };
        using HttpResponseMessage response = await http.GetAsync("status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"endpoints\"", await response.Content.ReadAsStringAsync());

        // A request that never completes its headers must not hold up the stop.
        using var idle = new System.Net.Sockets.TcpClient();
        await idle.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint.Port);
        await idle.GetStream().WriteAsync("GET /status HTTP/1.1\r\n"u8.ToArray());
        await server.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("status"));
    }

    [Fact]
    public void RuntimeMetricsMeasureAllocationBetweenSamples()
    {
        var metrics = new RuntimeMetrics();
        byte[][] garbage = new byte[64][];
        for (int i = 0; i < garbage.Length; i++)
            garbage[i] = new byte[64 * 1024];
        GC.KeepAlive(garbage);
        Thread.Sleep(5);
        RuntimeMetricsSnapshot s = metrics.Sample();
        Assert.True(s.AllocationRateBytesPerSecond > 0);
        Assert.True(s.GcPauseTotalMilliseconds >= 0);
        Assert.True(s.Gen0Collections >= s.Gen1Collections && s.Gen1Collections >= s.Gen2Collections);
    }
}
