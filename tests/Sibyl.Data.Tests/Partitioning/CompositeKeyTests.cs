using Sibyl.Data.Partitioning;
using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Partitioning;

public class CompositeKeyTests
{
    [Fact]
    public void BuildWritesLengthBytesAndEndOfComponent()
    {
        byte[] key = CompositeKey.Build("ab"u8.ToArray(), [], [0x01]);
        Assert.Equal("00026162" + "00" + "0000" + "00" + "000101" + "00", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void SplitInvertsBuild()
    {
        var random = new Random(5);
        for (int i = 0; i < 100; i++)
        {
            var parts = new byte[random.Next(1, 5)][];
            for (int p = 0; p < parts.Length; p++)
            {
                parts[p] = new byte[random.Next(0, 20)];
                random.NextBytes(parts[p]);
            }

            var back = CompositeKey.Split(CompositeKey.Build(parts));
            Assert.Equal(parts.Length, back.Count);
            for (int p = 0; p < parts.Length; p++)
                Assert.Equal(parts[p], back[p]);
        }
    }

    [Theory]
    [InlineData("00")]
    [InlineData("000561")]
    [InlineData("00016100" + "0001")]
    [InlineData("000161")]
    public void SplitRejectsTruncatedKeys(string hex)
    {
        Assert.Throws<MarshalException>(() => CompositeKey.Split(Convert.FromHexString(hex)));
    }

    [Fact]
    public void ComponentsLongerThan65535BytesAreRejected()
    {
        Assert.Throws<MarshalException>(() => CompositeKey.Build(new byte[70000], [1]));
    }
}
