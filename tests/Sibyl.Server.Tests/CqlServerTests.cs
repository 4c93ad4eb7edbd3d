using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Sibyl.Common;
using Sibyl.Protocol;

namespace Sibyl.Server.Tests;

/// <summary>The listener over loopback only: accept, NODELAY, a full exchange, and a stop that waits for connections.</summary>
public class CqlServerTests
{
    private static async Task<ResponseMessage> ReadResponseAsync(NetworkStream stream, List<byte> pending)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(5000);
        while (true)
        {
            var sequence = new ReadOnlySequence<byte>(pending.ToArray());
            if (FrameReader.TryReadFrame(sequence, int.MaxValue, true, out var header, out var body, out long consumed) == FrameReadStatus.Frame)
            {
                var message = (ResponseMessage)FrameCodec.Decode(header, body, null, int.MaxValue);
                pending.RemoveRange(0, (int)consumed);
                return message;
            }
            int read = await stream.ReadAsync(buffer, cts.Token);
            if (read == 0)
                throw new IOException("closed");
            pending.AddRange(buffer.AsSpan(0, read));
        }
    }

    [Fact]
    public async Task ServesClientsAndStopsCleanly()
    {
        var processor = new FakeQueryProcessor();
        await using var server = new CqlServer(processor, new CqlServerOptions { Port = 0 }, new EventNotifier());
        await server.StartAsync();
        var endpoint = server.LocalEndPoint!;
        Assert.NotEqual(0, endpoint.Port);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, endpoint.Port);
        var stream = client.GetStream();
        var pending = new List<byte>();
        await stream.WriteAsync(SessionHarness.Frame(new OptionsMessage(), 0));
        Assert.IsType<SupportedMessage>(await ReadResponseAsync(stream, pending));
        await stream.WriteAsync(SessionHarness.Frame(new StartupMessage(new Dictionary<string, string> { ["CQL_VERSION"] = "3.0.0" }), 1));
        Assert.IsType<ReadyMessage>(await ReadResponseAsync(stream, pending));
        await stream.WriteAsync(SessionHarness.Frame(new QueryMessage("over tcp", QueryOptions.Default), 2));
        Assert.Equal("over tcp", SessionHarness.Text(Assert.IsType<RowsResultMessage>(await ReadResponseAsync(stream, pending))));
        Assert.Equal(1, server.ConnectionCount);

        // A request still executing when the server stops is cancelled; StopAsync waits for the connection.
        await stream.WriteAsync(SessionHarness.Frame(new QueryMessage("wait:forever", QueryOptions.Default), 3));
        await server.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, server.ConnectionCount);
        var buffer = new byte[1024];
        int read;
        do
        {
            read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
        while (read > 0);
    }

    [Fact]
    public async Task ClientAskingForV5IsToldWhichVersionsExist()
    {
        await using var server = new CqlServer(new FakeQueryProcessor(), new CqlServerOptions { Port = 0 }, new EventNotifier());
        await server.StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.LocalEndPoint!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(new byte[] { 5, 0, 0, 0, 5, 0, 0, 0, 0 });
        var error = Assert.IsType<ErrorMessage>(await ReadResponseAsync(stream, []));
        Assert.Contains("unsupported protocol version (5)", error.Error.Message);
        var buffer = new byte[16];
        Assert.Equal(0, await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5))); // then closed
    }
}
