using System.Net;
using Sibyl.Common;
using Sibyl.Protocol;

namespace Sibyl.Server.Tests;

public class CompressionAndEventTests
{
    [Theory]
    [InlineData("lz4")]
    [InlineData("snappy")]
    public async Task NegotiatedCompressionIsUsedBothWays(string compression)
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync(compression);
        string text = new('z', 2000);
        harness.Query(text, 1); // sent compressed by the harness
        var (header, message) = await harness.ReceiveAsync();
        Assert.True((header.Flags & FrameFlags.Compression) != 0);
        Assert.True(header.Length < 500);
        Assert.Equal(text, SessionHarness.Text(Assert.IsType<RowsResultMessage>(message)));
        Assert.Equal(compression, harness.Session.State!.Compression);
    }

    [Fact]
    public async Task CompressedRequestWithoutNegotiationIsAProtocolError()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Feed(SessionHarness.Frame(new QueryMessage("x", QueryOptions.Default), 1, compressor: Lz4FrameCompressor.Instance));
        Assert.Equal(Sibyl.Common.Errors.ErrorCode.ProtocolError, (await harness.ReceiveAsync<ErrorMessage>(1)).Error.Code);
    }

    [Fact]
    public async Task EventsGoOnlyToConnectionsRegisteredForTheirType()
    {
        var notifier = new EventNotifier();
        await using var schemaListener = new SessionHarness(notifier: notifier);
        await using var statusListener = new SessionHarness(notifier: notifier);
        await using var bystander = new SessionHarness(notifier: notifier);
        foreach (var harness in new[] { schemaListener, statusListener, bystander })
            await harness.HandshakeAsync("lz4");
        schemaListener.Send(new RegisterMessage(["SCHEMA_CHANGE"]), 1);
        await schemaListener.ReceiveAsync<ReadyMessage>(1);
        statusListener.Send(new RegisterMessage(["STATUS_CHANGE", "TOPOLOGY_CHANGE"]), 1);
        await statusListener.ReceiveAsync<ReadyMessage>(1);
        Assert.Equal(2, notifier.SubscriberCount);

        notifier.Publish(new SchemaChangeEvent(new SchemaChange(SchemaChangeType.CREATED, SchemaChangeTarget.TABLE, "ks", "t")));
        notifier.Publish(new StatusChangeEvent(StatusChangeType.UP, new IPEndPoint(IPAddress.Loopback, 9042)));

        var schema = await schemaListener.ReceiveAsync<SchemaChangeEvent>(-1);
        Assert.Equal("t", schema.Change.Name);
        var status = await statusListener.ReceiveAsync<StatusChangeEvent>(-1);
        Assert.Equal(StatusChangeType.UP, status.Change);

        // Nothing else arrived: the next frame each one sees is the answer to its own query.
        foreach (var harness in new[] { schemaListener, statusListener, bystander })
        {
            harness.Query("marker", 5);
            Assert.Equal("marker", SessionHarness.Text(await harness.ReceiveAsync<RowsResultMessage>(5)));
        }

        await schemaListener.Session.CloseAsync();
        Assert.Equal(1, notifier.SubscriberCount);
    }

    [Fact]
    public async Task RegisteringAnUnknownEventTypeIsAProtocolError()
    {
        await using var harness = new SessionHarness();
        await harness.HandshakeAsync();
        harness.Send(new RegisterMessage(["NODE_EXPLODED"]), 2);
        Assert.Equal(Sibyl.Common.Errors.ErrorCode.ProtocolError, (await harness.ReceiveAsync<ErrorMessage>(2)).Error.Code);
        Assert.Equal(0, harness.Notifier.SubscriberCount);
    }
}
