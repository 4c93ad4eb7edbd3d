using Sibyl.Common;
using Sibyl.Common.Errors;
using Sibyl.Protocol;

namespace Sibyl.Server.Tests;

public class DispatchTests
{
    [Fact]
    public async Task StreamsAreAnsweredOutOfOrder()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Query("wait:first", 1);
        harness.Query("second", 2);
        Assert.Equal("second", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(2)));
        Assert.Equal(1, harness.Session.InFlight);
        harness.Processor.Release("first");
        Assert.Equal("wait:first", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(1)));
    }

    [Fact]
    public async Task ManyConcurrentStreamsEachGetTheirOwnAnswer()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        for (short stream = 1; stream <= 200; stream++)
            harness.Query(stream % 2 == 0 ? $"wait:g{stream}" : $"q{stream}", stream);
        for (short stream = 2; stream <= 200; stream += 2)
            harness.Processor.Release($"g{stream}");
        var seen = new HashSet<short>();
        for (int i = 0; i < 200; i++)
        {
            var (header, message) = await harness.ReceiveAsync();
            string text = SessionHarness.Text(Assert.IsType<RowsResultMessage>(message));
            Assert.Equal(header.Stream % 2 == 0 ? $"wait:g{header.Stream}" : $"q{header.Stream}", text);
            Assert.True(seen.Add(header.Stream));
        }
    }

    [Fact]
    public async Task RequestExceptionsBecomeErrorFrames()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Query("invalid", 1);
        var invalid = await harness.ReceiveAsync<ErrorMessage>(1);
        Assert.Equal(ErrorCode.Invalid, invalid.Error.Code);
        Assert.Equal("Keyspace 'nope' does not exist", invalid.Error.Message);

        harness.Send(new ExecuteMessage([7, 7], QueryOptions.Default), 2);
        var unprepared = Assert.IsType<UnpreparedException>((await harness.ReceiveAsync<ErrorMessage>(2)).Error);
        Assert.Equal([7, 7], unprepared.Id);

        harness.Query("crash", 3);
        var crash = await harness.ReceiveAsync<ErrorMessage>(3);
        Assert.Equal(ErrorCode.ServerError, crash.Error.Code);
        Assert.Contains("bug", crash.Error.Message);

        harness.Query("still alive", 4);
        await harness.ReceiveAsync<RowsResultMessage>(4);
    }

    [Fact]
    public async Task PrepareBatchUseAndWarnings()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Send(new PrepareMessage("SELECT 1"), 1);
        Assert.Equal([1, 2], (await harness.ReceiveAsync<PreparedResultMessage>(1)).Id);
        harness.Send(new BatchMessage(BatchType.Logged, [BatchQuery.Simple("INSERT")], ConsistencyLevel.One), 2);
        await harness.ReceiveAsync<VoidResultMessage>(2);
        harness.Query("use ks1", 3);
        Assert.Equal("ks1", (await harness.ReceiveAsync<SetKeyspaceResultMessage>(3)).Keyspace);
        Assert.Equal("ks1", harness.Session.State!.Keyspace);
        harness.Query("warn", 4);
        Assert.Equal(["careful"], (await harness.ReceiveAsync<RowsResultMessage>(4)).Warnings);
    }

    [Fact]
    public async Task InFlightCapAnswersOverloaded()
    {
        await using var harness = new SessionHarness(new CqlServerOptions { MaxInFlightRequestsPerConnection = 2 });
        await harness.HandshakeAsync();
        harness.Query("wait:a", 1);
        harness.Query("wait:b", 2);
        harness.Query("third", 3);
        var overloaded = await harness.ReceiveAsync<ErrorMessage>(3);
        Assert.Equal(ErrorCode.Overloaded, overloaded.Error.Code);
        harness.Processor.Release("a");
        await harness.ReceiveAsync<RowsResultMessage>(1);
        harness.Query("fourth", 4);
        await harness.ReceiveAsync<RowsResultMessage>(4);
        harness.Processor.Release("b");
        await harness.ReceiveAsync<RowsResultMessage>(2);
    }

    [Fact]
    public async Task OversizedFrameIsSkippedAndAnsweredOnItsStream()
    {
        await using var harness = new SessionHarness(new CqlServerOptions { MaxFrameLength = 100 });
        await harness.HandshakeAsync();
        byte[] big = SessionHarness.Frame(new QueryMessage(new string('x', 500), QueryOptions.Default), 9);
        byte[] small = SessionHarness.Frame(new QueryMessage("small", QueryOptions.Default), 10);
        // Deliver in awkward pieces: the oversized body is skipped as it arrives.
        byte[] all = [.. big, .. small];
        for (int offset = 0; offset < all.Length; offset += 37)
            harness.Feed(all.AsSpan(offset, Math.Min(37, all.Length - offset)));
        var error = await harness.ReceiveAsync<ErrorMessage>(9);
        Assert.Equal(ErrorCode.Invalid, error.Error.Code);
        Assert.Equal($"Request is too big: length {big.Length} exceeds maximum allowed length 100.", error.Error.Message);
        Assert.Equal("small", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(10)));
        Assert.False(harness.Session.IsClosing);
        Assert.Equal(0, harness.PendingInput);
    }

    [Fact]
    public async Task MalformedBodyIsAnsweredOnItsStreamAndTheConnectionCarriesOn()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        // QUERY whose [long string] claims 1000 bytes in a 6-byte body.
        harness.Feed(Convert.FromHexString("040000030700000006000003E841"[..^2] + "4141"));
        var error = await harness.ReceiveAsync<ErrorMessage>(3);
        Assert.Equal(ErrorCode.ProtocolError, error.Error.Code);
        harness.Query("next", 4);
        Assert.Equal("next", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(4)));
    }

    [Theory]
    [InlineData("84000001050000000000")] // response bit set
    [InlineData("04000001FF00000000")]   // unknown opcode
    [InlineData("0400000107F0000000")]   // negative length
    public async Task UnreadableHeaderSendsAnErrorThenCloses(string hex)
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Feed(Convert.FromHexString(hex));
        var error = await harness.ReceiveAsync<ErrorMessage>(1);
        Assert.Equal(ErrorCode.ProtocolError, error.Error.Code);
        Assert.True(harness.Session.IsClosing);
        harness.Query("ignored", 2); // nothing more is read
        await harness.Session.CloseAsync();
        Assert.True(await harness.OutputCompletedAsync());
    }

    [Fact]
    public async Task RandomGarbageNeverCrashesTheSession()
    {
        var random = new Random(42);
        for (int round = 0; round < 100; round++)
        {
            await using var harness = new SessionHarness(new CqlServerOptions { MaxFrameLength = 1 << 16 });
            await harness.HandshakeAsync();
            var garbage = new byte[random.Next(9, 200)];
            random.NextBytes(garbage);
            garbage[0] = 4; // a v4 header, so the body parsers see the garbage
            garbage[4] = (byte)random.Next(0, 0x11);
            harness.Feed(garbage);
            await harness.Session.CloseAsync();
            // Whatever was answered must be well-formed frames, and the output must end cleanly.
            int frames = await harness.DrainAsync();
            Assert.InRange(frames, 0, 1);
        }
    }

    [Fact]
    public async Task CloseCancelsAndWaitsForExecutingRequests()
    {
        var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Query("wait:never", 1);
        Assert.Equal(1, harness.Session.InFlight);
        await harness.Session.CloseAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, harness.Session.InFlight);
        await harness.DisposeAsync();
    }
}
