using System.Text;
using Sibyl.Common.Hashing;

namespace Sibyl.Common.Tests;

public class CrcTests
{
    private static readonly byte[] Check = Encoding.ASCII.GetBytes("123456789");

    [Fact]
    public void Crc32CheckValue() => Assert.Equal(0xCBF43926u, Crc32.Compute(Check));

    [Fact]
    public void Crc32CCheckValue() => Assert.Equal(0xE3069283u, Crc32C.Compute(Check));

    [Fact]
    public void EmptyInputIsZero()
    {
        Assert.Equal(0u, Crc32.Compute([]));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void AppendEqualsComputeOverConcatenationAtEverySplit()
    {
        byte[] data = new byte[100];
        new Random(42).NextBytes(data);
        uint whole32 = Crc32.Compute(data), whole32C = Crc32C.Compute(data);
        for (int split = 0; split <= data.Length; split++)
        {
            Assert.Equal(whole32, Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
            Assert.Equal(whole32C, Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }

    [Fact]
    public void SlicedLoopEqualsBytewiseDefinition()
    {
        byte[] data = new byte[37];
        new Random(7).NextBytes(data);
        Assert.Equal(Bitwise(data, 0xEDB88320u), Crc32.Compute(data));
        Assert.Equal(Bitwise(data, 0x82F63B78u), Crc32C.Compute(data));
    }

    private static uint Bitwise(byte[] data, uint poly)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c ^= b;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? (c >> 1) ^ poly : c >> 1;
        }

        return ~c;
    }
}
