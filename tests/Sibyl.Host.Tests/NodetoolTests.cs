using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Sibyl.Admin;
using Sibyl.Admin.Client;

namespace Sibyl.Host.Tests;

public class NodetoolTests
{
    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(1024, "1 KiB")]
    [InlineData(106_873, "104.37 KiB")]
    [InlineData(5L * 1024 * 1024 + 1024 * 512, "5.5 MiB")]
    [InlineData(3L << 30, "3 GiB")]
    [InlineData(2L << 40, "2 TiB")]
    public void FileSizeIsStringifiedLikeCassandra(long bytes, string expected) =>
        Assert.Equal(expected, NodetoolFormatter.FileSize(bytes));

    [Fact]
    public void StatusMatchesNodetoolLayout()
    {
        var report = new StatusReport("Test Cluster",
        [
            new StatusRow("127.0.0.2", "datacenter1", "rack1", "Down", "Joining", null, 16, 0.333, Guid.Parse("00000000-0000-0000-0000-000000000002")),
            new StatusRow("127.0.0.1", "datacenter1", "rack1", "Up", "Normal", 106_873, 16, 0.667, Guid.Parse("6b4bd4f3-2f6e-4ad0-a6f7-6a4f0d8e1c2b")),
        ]);
        Assert.Equal(
            "Datacenter: datacenter1\n" +
            "=======================\n" +
            "Status=Up/Down\n" +
            "|/ State=Normal/Leaving/Joining/Moving\n" +
            "--  Address    Load        Tokens  Owns (effective)  Host ID                               Rack\n" +
            "UN  127.0.0.1  104.37 KiB  16      66.7%             6b4bd4f3-2f6e-4ad0-a6f7-6a4f0d8e1c2b  rack1\n" +
            "DJ  127.0.0.2  ?           16      33.3%             00000000-0000-0000-0000-000000000002  rack1\n" +
            "\n",
            NodetoolFormatter.Status(report));
    }

    [Fact]
    public void StatusWithoutEffectiveOwnershipAddsCassandrasNote()
    {
        var report = new StatusReport("c", [new StatusRow("10.0.0.1", "dc2", "r1", "Up", "Normal", 0, 1, null, Guid.Empty)]);
        string text = NodetoolFormatter.Status(report);
        Assert.StartsWith("Datacenter: dc2\n===============\n", text);
        Assert.Contains("Owns  ", text);
        Assert.Contains("  ?  ", text);
        Assert.EndsWith("Note: Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless\n", text);
    }

    [Fact]
    public void InfoUsesNodetoolLabels()
    {
        var node = new FakeNodeInfo();
        InfoReport info = InfoReport.From(node, node.StartedAt.AddSeconds(125));
        string[] lines = NodetoolFormatter.Info(info, allTokens: false).Split('\n');
        Assert.Equal("ID                     : 6b4bd4f3-2f6e-4ad0-a6f7-6a4f0d8e1c2b", lines[0]);
        Assert.Equal("Gossip active          : true", lines[1]);
        Assert.Equal("Native Transport active: true", lines[2]);
        Assert.Equal("Load                   : 104.37 KiB", lines[3]);
        Assert.Equal("Generation No          : 1763712000", lines[4]);
        Assert.Equal("Uptime (seconds)       : 125", lines[5]);
        Assert.Matches(@"^Heap Memory \(MB\)       : \d+\.\d\d / \d+\.\d\d$", lines[6]);
        Assert.Equal("Data Center            : datacenter1", lines[7]);
        Assert.Equal("Rack                   : rack1", lines[8]);
        Assert.Contains("Token                  : (invoke with -T/--tokens to see all 3 tokens)", lines);

        string all = NodetoolFormatter.Info(info, allTokens: true);
        Assert.Contains("Token                  : -9000\nToken                  : 0\nToken                  : 9000\n", all);
    }

    private static async Task<(int Code, string Out, string Err)> Nodetool(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await NodetoolCommand.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ConnectionRefusedUsesNodetoolsMessage()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        (int code, string output, string error) = await Nodetool("-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "status");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"nodetool: Failed to connect to '127.0.0.1:{port}' - ConnectException: 'Connection refused'.\n", error);
    }

    [Fact]
    public async Task TalksToARunningAdminServer()
    {
        await using var server = new AdminServer(new FakeNodeInfo(), NullLoggerFactory.Instance);
        server.Register("flush", req => Task.FromResult<object>($"flushed {req.Arguments.Count} tables"));
        server.Register("snapshot", _ => throw new AdminOperationException("Keyspace [x] does not exist."));
        server.Register("getversion", _ => Task.FromResult<object>(new { Major = 4 }));
        await server.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        string port = server.LocalEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

        (int code, string output, _) = await Nodetool("-h", "127.0.0.1", "-p", port, "status");
        Assert.Equal(0, code);
        Assert.Contains("UN  127.0.0.1  104.37 KiB  3       100.0%", output);

        (code, output, _) = await Nodetool("--port", port, "info", "-T");
        Assert.Equal(0, code);
        Assert.Contains("Token                  : 9000\n", output);

        (code, output, _) = await Nodetool("-p", port, "version");
        Assert.Equal((0, "ReleaseVersion: 4.1.0\n"), (code, output));

        (code, output, _) = await Nodetool("-p", port, "flush", "ks", "t1");
        Assert.Equal((0, "flushed 2 tables\n"), (code, output));

        (code, output, _) = await Nodetool("-p", port, "getversion");
        Assert.Equal(0, code);
        Assert.Contains("\"major\": 4", output);

        (code, _, string error) = await Nodetool("-p", port, "snapshot", "x");
        Assert.Equal((1, "nodetool: Keyspace [x] does not exist.\n"), (code, error));

        (code, _, error) = await Nodetool("-p", port, "repair");
        Assert.Equal((1, "nodetool: Unknown operation 'repair'\n"), (code, error));
    }

    [Fact]
    public async Task UsageErrors()
    {
        Assert.Equal(1, (await Nodetool()).Code);
        Assert.Equal((1, "nodetool: Invalid port 'x'\n"), ((await Nodetool("-p", "x", "status")).Code, (await Nodetool("-p", "x", "status")).Err));
        Assert.Equal((1, "nodetool: Unknown option '--frobnicate'\n"), ((await Nodetool("--frobnicate", "1", "status")).Code, (await Nodetool("--frobnicate", "1", "status")).Err));
        Assert.Equal(0, (await Nodetool("help")).Code);
    }
}
