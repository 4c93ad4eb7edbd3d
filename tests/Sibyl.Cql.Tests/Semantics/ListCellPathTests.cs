using Sibyl.Cql.Operations;
using Sibyl.Data.Types;

namespace Sibyl.Cql.Tests.Semantics;

/// <summary>List element paths order as the list does under the timeuuid comparator.</summary>
public class ListCellPathTests
{
    private static int Compare(byte[] a, byte[] b) => CqlType.Timeuuid.Compare(a, b);

    [Fact]
    public void AppendsOrderByRequestTimeThenSequence()
    {
        Assert.True(Compare(ListCellPath.ForAppend(1_000, 1), ListCellPath.ForAppend(1_000, 2)) < 0);
        Assert.True(Compare(ListCellPath.ForAppend(1_000, 1, salt: 5), ListCellPath.ForAppend(1_000, 200_000, salt: 3)) < 0);
        Assert.NotEqual(ListCellPath.ForAppend(1_000, 1, salt: 5), ListCellPath.ForAppend(1_000, 1, salt: 6));
        Assert.True(Compare(ListCellPath.ForAppend(1_000, 900), ListCellPath.ForAppend(1_001, 1)) < 0);
        Assert.Equal(1, UuidBytes.Version(ListCellPath.ForAppend(1_000, 1)));
    }

    [Fact]
    public void LaterPrependsSortBeforeEverythingEarlier()
    {
        long now = 1_700_000_000_000_000;
        var append = ListCellPath.ForAppend(now, 1);
        var first = ListCellPath.ForPrepend(now + 5, block: 1, sequence: 2);
        var firstNext = ListCellPath.ForPrepend(now + 5, block: 1, sequence: 3);
        var second = ListCellPath.ForPrepend(now + 5, block: 4, sequence: 5); // a later statement of the same batch
        var later = ListCellPath.ForPrepend(now + 10, block: 1, sequence: 1);
        Assert.True(Compare(first, append) < 0);
        Assert.True(Compare(first, firstNext) < 0);
        Assert.True(Compare(second, first) < 0);
        Assert.True(Compare(later, second) < 0);
    }
}
