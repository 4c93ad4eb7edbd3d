using System.Net;
using System.Net.Sockets;
using Sibyl.Common;
using Sibyl.Data.Partitioning;
using Sibyl.Protocol;

namespace Sibyl.Client.Tests;

public sealed class RoutingTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-42L)]
    [InlineData(long.MaxValue)]
    public void Single_column_token_matches_the_partitioner(long key)
    {
        byte[] serialized = CqlValueCodec.Encode(ProtocolDataType.Bigint, key)!;
        long? token = RoutingKey.ComputeToken([serialized], [0]);
        Assert.Equal(Murmur3Partitioner.GetToken(serialized).Value, token);
    }

    [Fact]
    public void Composite_token_matches_the_partitioner()
    {
        byte[] a = CqlValueCodec.Encode(ProtocolDataType.Varchar, "sensor-7")!;
        byte[] b = CqlValueCodec.Encode(ProtocolDataType.Int, 2026)!;
        byte[] ignored = [1, 2, 3];
        // Bind order differs from key order: the indexes say which value is which component.
        long? token = RoutingKey.ComputeToken([ignored, b, a], [2, 1]);
        Assert.Equal(Murmur3Partitioner.GetToken(CompositeKey.Build(a, b)).Value, token);
    }

    [Fact]
    public void Null_or_unset_key_components_are_not_routed()
    {
        Assert.Null(RoutingKey.ComputeToken([null], [0]));
        Assert.Null(RoutingKey.ComputeToken([QueryOptions.Unset], [0]));
        Assert.Null(RoutingKey.ComputeToken([[1]], []));
    }

    [Fact]
    public async Task Prepared_requests_go_to_the_owner_of_their_token()
    {
        // Two fake hosts on 127.0.0.1 and 127.0.0.2 sharing one port, as a real cluster shares the native port.
        FakeCqlServer? first = null, second = null;
        for (int attempt = 0; attempt < 10 && second is null; attempt++)
        {
            first = new FakeCqlServer(IPAddress.Loopback);
            try
            {
                second = new FakeCqlServer(IPAddress.Parse("127.0.0.2"), first.Port);
            }
            catch (SocketException)
            {
                await first.DisposeAsync();
                first = null;
            }
        }
        Assert.NotNull(second);
        await using var a = first!;
        await using var b = second!;
        // host A owns (0, long.MaxValue] and the wrap-around, host B owns (long.MinValue, 0]
        a.Tokens = [long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        a.Peers.Add((IPAddress.Parse("127.0.0.2"), ["0"]));
        b.Tokens = ["0"];
        int executedOnA = 0, executedOnB = 0;
        var prepared = new PreparedResultMessage([7], [FakeCqlServer.Column("key", ProtocolDataType.Bigint)], [0], ResultMetadata.Empty);
        a.Handler = m => { if (m is ExecuteMessage) Interlocked.Increment(ref executedOnA); return Task.FromResult<ResponseMessage>(m is PrepareMessage ? prepared : new VoidResultMessage()); };
        b.Handler = m => { if (m is ExecuteMessage) Interlocked.Increment(ref executedOnB); return Task.FromResult<ResponseMessage>(m is PrepareMessage ? prepared : new VoidResultMessage()); };

        await using var session = await CqlCluster.ConnectAsync(new CqlClusterOptions { ContactPoints = ["127.0.0.1"], Port = a.Port });
        Assert.Equal(2, session.Hosts.Count);
        var statement = await session.PrepareAsync("INSERT INTO ks.t (key) VALUES (?)");
        int expectA = 0, expectB = 0;
        for (long key = 0; key < 40; key++)
        {
            long token = Murmur3Partitioner.GetToken(CqlValueCodec.Encode(ProtocolDataType.Bigint, key)).Value;
            if (token > 0)
                expectA++;
            else
                expectB++;
            await session.ExecuteAsync(statement, key);
        }
        Assert.True(expectA > 0 && expectB > 0);
        Assert.Equal(expectA, executedOnA);
        Assert.Equal(expectB, executedOnB);
    }
}
