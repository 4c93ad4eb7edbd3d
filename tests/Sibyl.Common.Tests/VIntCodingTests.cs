using Sibyl.Common.Binary;

namespace Sibyl.Common.Tests;

public class VIntCodingTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8080")]
    [InlineData(16383UL, "bfff")]
    [InlineData(16384UL, "c04000")]
    [InlineData(0x00FFFFFFFFFFFFFFUL, "feffffffffffffff")]
    [InlineData(0x0100000000000000UL, "ff0100000000000000")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff")]
    public void UnsignedEncodingsMatchCassandra(ulong value, string hex)
    {
        Span<byte> buffer = stackalloc byte[9];
        int n = VIntCoding.WriteUnsignedVInt(value, buffer);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..n]));
        Assert.Equal(n, VIntCoding.ComputeUnsignedVIntSize(value));
        Assert.Equal(value, VIntCoding.ReadUnsignedVInt(buffer[..n], out int read));
        Assert.Equal(n, read);
    }

    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7f")]
    [InlineData(64L, "8080")]
    public void SignedValuesAreZigZagged(long value, string hex)
    {
        Span<byte> buffer = stackalloc byte[9];
        int n = VIntCoding.WriteVInt(value, buffer);
        Assert.Equal(hex, Convert.ToHexStringLower(buffer[..n]));
        Assert.Equal(value, VIntCoding.ReadVInt(buffer[..n], out _));
    }

    [Fact]
    public void RoundTripsRandomValuesOfEveryMagnitude()
    {
        var random = new Random(1234);
        Span<byte> buffer = stackalloc byte[9];
        for (int bits = 0; bits <= 64; bits++)
        {
            for (int i = 0; i < 20; i++)
            {
                long v = bits == 64 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64() >> (63 - Math.Min(bits, 63));
                if (i % 2 == 1)
                    v = -v;
                int n = VIntCoding.WriteVInt(v, buffer);
                Assert.Equal(VIntCoding.ComputeVIntSize(v), n);
                Assert.True(VIntCoding.TryReadVInt(buffer[..n], out long back, out int read));
                Assert.Equal((v, n), (back, read));
            }
        }
    }

    [Fact]
    public void TruncatedInputIsReportedNotRead()
    {
        Assert.False(VIntCoding.TryReadUnsignedVInt([0xC0, 0x40], out _, out _));
        Assert.False(VIntCoding.TryReadUnsignedVInt([], out _, out _));
        Assert.Throws<InvalidDataException>(() => VIntCoding.ReadUnsignedVInt([0xFF], out _));
    }
}
