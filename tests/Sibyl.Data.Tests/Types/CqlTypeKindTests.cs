using Sibyl.Data.Types;

namespace Sibyl.Data.Tests.Types;

public class CqlTypeKindTests
{
    // Native protocol v4 spec, section 4.2.5.2: these ids reach the wire and must never change.
    [Theory]
    [InlineData(CqlTypeKind.Custom, 0x0000)]
    [InlineData(CqlTypeKind.Ascii, 0x0001)]
    [InlineData(CqlTypeKind.BigInt, 0x0002)]
    [InlineData(CqlTypeKind.Blob, 0x0003)]
    [InlineData(CqlTypeKind.Boolean, 0x0004)]
    [InlineData(CqlTypeKind.Counter, 0x0005)]
    [InlineData(CqlTypeKind.Decimal, 0x0006)]
    [InlineData(CqlTypeKind.Double, 0x0007)]
    [InlineData(CqlTypeKind.Float, 0x0008)]
    [InlineData(CqlTypeKind.Int, 0x0009)]
    [InlineData(CqlTypeKind.Timestamp, 0x000B)]
    [InlineData(CqlTypeKind.Uuid, 0x000C)]
    [InlineData(CqlTypeKind.Varchar, 0x000D)]
    [InlineData(CqlTypeKind.Varint, 0x000E)]
    [InlineData(CqlTypeKind.Timeuuid, 0x000F)]
    [InlineData(CqlTypeKind.Inet, 0x0010)]
    [InlineData(CqlTypeKind.Date, 0x0011)]
    [InlineData(CqlTypeKind.Time, 0x0012)]
    [InlineData(CqlTypeKind.SmallInt, 0x0013)]
    [InlineData(CqlTypeKind.TinyInt, 0x0014)]
    [InlineData(CqlTypeKind.Duration, 0x0015)]
    [InlineData(CqlTypeKind.List, 0x0020)]
    [InlineData(CqlTypeKind.Map, 0x0021)]
    [InlineData(CqlTypeKind.Set, 0x0022)]
    [InlineData(CqlTypeKind.Udt, 0x0030)]
    [InlineData(CqlTypeKind.Tuple, 0x0031)]
    public void OptionIdsAreFrozen(CqlTypeKind kind, int id) => Assert.Equal(id, (int)kind);

    [Fact]
    public void EveryKindIsListed() => Assert.Equal(26, Enum.GetValues<CqlTypeKind>().Length);

    [Fact]
    public void ScalarKindsMapBackToTheSharedInstances()
    {
        CqlType[] scalars =
        [
            CqlType.Ascii, CqlType.BigInt, CqlType.Blob, CqlType.Boolean, CqlType.Counter, CqlType.Decimal,
            CqlType.Double, CqlType.Float, CqlType.Int, CqlType.Timestamp, CqlType.Uuid, CqlType.Text,
            CqlType.Varint, CqlType.Timeuuid, CqlType.Inet, CqlType.Date, CqlType.Time, CqlType.SmallInt,
            CqlType.TinyInt, CqlType.Duration,
        ];
        foreach (CqlType t in scalars)
            Assert.Same(t, CqlType.FromKind(t.Kind));
        Assert.Null(CqlType.FromKind(CqlTypeKind.List));
    }
}
