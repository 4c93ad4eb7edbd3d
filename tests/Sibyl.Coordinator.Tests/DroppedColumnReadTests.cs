namespace Sibyl.Coordinator.Tests;

/// <summary>Rows whose only data was in a dropped column are no rows at all, and LIMITs still fill with the rows that remain.</summary>
public class DroppedColumnReadTests
{
    private readonly CqlTestNode _node = new();

    [Fact]
    public void RowsOnlyWrittenThroughADroppedColumnVanish()
    {
        _node.Run("CREATE TABLE t (k int PRIMARY KEY, x int, y int)");
        _node.Run("UPDATE t SET x = 1 WHERE k = 0");
        _node.Run("INSERT INTO t (k, y) VALUES (1, 1)");
        _node.Run("UPDATE t SET x = 1, y = 2 WHERE k = 2");
        _node.Run("ALTER TABLE t DROP x");
        Assert.Equal([[1, 1], [2, 2]], _node.Ints("SELECT k, y FROM t").OrderBy(r => r[0]).ToList());
        Assert.Empty(_node.Ints("SELECT * FROM t WHERE k = 0"));
        // Re-added, the column shows only what is written after the drop.
        _node.Run("ALTER TABLE t ADD x int");
        _node.Run("UPDATE t SET x = 5 WHERE k = 3");
        Assert.Equal([[3, 5]], _node.Ints("SELECT k, x FROM t WHERE k IN (0, 3)"));
    }

    [Fact]
    public void ADroppedColumnComesBackOnlyWithItsPreviousKind()
    {
        _node.Run("CREATE TABLE t (a int, b int, c int, d int static, PRIMARY KEY (a, b))");
        _node.Run("ALTER TABLE t DROP c");
        _node.Run("ALTER TABLE t DROP d");
        Assert.Equal("Cannot re-add previously dropped column 'c' of kind STATIC, incompatible with previous kind REGULAR", _node.Error("ALTER TABLE t ADD c int static"));
        Assert.Equal("Cannot re-add previously dropped column 'd' of kind REGULAR, incompatible with previous kind STATIC", _node.Error("ALTER TABLE t ADD d int"));
        _node.Run("ALTER TABLE t ADD c int");
        _node.Run("ALTER TABLE t ADD d int static");
    }

    [Fact]
    public void LimitsCountOnlyTheRowsThatRemain()
    {
        _node.Run("CREATE TABLE t (k int, c int, x int, y int, PRIMARY KEY (k, c))");
        for (int c = 0; c < 5; c++) _node.Run($"UPDATE t SET x = 1 WHERE k = 0 AND c = {c}");
        _node.Run("INSERT INTO t (k, c, y) VALUES (0, 5, 50)");
        _node.Run("INSERT INTO t (k, c, y) VALUES (0, 6, 60)");
        for (int c = 0; c < 3; c++) _node.Run($"UPDATE t SET x = 1 WHERE k = 1 AND c = {c}");
        _node.Run("INSERT INTO t (k, c, y) VALUES (1, 3, 13)");
        _node.Run("ALTER TABLE t DROP x");
        Assert.Equal([[0, 5, 50]], _node.Ints("SELECT k, c, y FROM t WHERE k = 0 LIMIT 1"));
        Assert.Equal([[0, 5, 50], [0, 6, 60]], _node.Ints("SELECT k, c, y FROM t WHERE k = 0 LIMIT 2"));
        Assert.Equal([[0, 6, 60]], _node.Ints("SELECT k, c, y FROM t WHERE k = 0 ORDER BY c DESC LIMIT 1"));
        var perPartition = _node.Ints("SELECT k, c, y FROM t PER PARTITION LIMIT 1").OrderBy(r => r[0]).ToList();
        Assert.Equal([[0, 5, 50], [1, 3, 13]], perPartition);
        Assert.Equal(3, _node.Ints("SELECT k, c FROM t").Count);
        Assert.Equal(2, _node.Ints("SELECT k, c FROM t LIMIT 2").Count);
    }
}
