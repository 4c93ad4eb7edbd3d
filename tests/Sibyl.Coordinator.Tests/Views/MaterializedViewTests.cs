using Sibyl.Data.Types;

namespace Sibyl.Coordinator.Tests.Views;

/// <summary>Materialized views end to end on memtables: DDL rules, maintenance of view rows, build at creation.</summary>
public class MaterializedViewTests
{
    private readonly CqlTestNode _node = new();

    private void CreateBaseAndView()
    {
        _node.Run("CREATE TABLE t (p int, c int, v int, w int, PRIMARY KEY (p, c))");
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)");
    }

    [Fact]
    public void ViewRowFollowsTheBaseRowWhenItsKeyColumnChanges()
    {
        CreateBaseAndView();
        _node.Run("INSERT INTO t (p, c, v, w) VALUES (1, 2, 3, 4)");
        Assert.Equal([[3, 1, 2, 4]], _node.Ints("SELECT v, p, c, w FROM mv WHERE v = 3"));
        _node.Run("UPDATE t SET v = 5 WHERE p = 1 AND c = 2");
        Assert.Empty(_node.Ints("SELECT v, p, c, w FROM mv WHERE v = 3"));
        Assert.Equal([[5, 1, 2, 4]], _node.Ints("SELECT v, p, c, w FROM mv WHERE v = 5"));
        // Moving back recreates the old view row with every cell, despite the deletion it had.
        _node.Run("UPDATE t SET v = 3 WHERE p = 1 AND c = 2");
        Assert.Equal([[3, 1, 2, 4]], _node.Ints("SELECT v, p, c, w FROM mv"));
    }

    [Fact]
    public void NullViewKeyColumnMeansNoViewRow()
    {
        CreateBaseAndView();
        _node.Run("INSERT INTO t (p, c, w) VALUES (1, 1, 1)");
        Assert.Empty(_node.Ints("SELECT * FROM mv"));
        _node.Run("UPDATE t SET v = 7 WHERE p = 1 AND c = 1");
        Assert.Equal([[7, 1, 1, 1]], _node.Ints("SELECT v, p, c, w FROM mv"));
        _node.Run("DELETE v FROM t WHERE p = 1 AND c = 1");
        Assert.Empty(_node.Ints("SELECT * FROM mv"));
    }

    [Fact]
    public void PartitionAndRangeDeletionsRemoveViewRows()
    {
        CreateBaseAndView();
        for (int c = 0; c < 5; c++) _node.Run($"INSERT INTO t (p, c, v) VALUES (1, {c}, {c * 10})");
        _node.Run("INSERT INTO t (p, c, v) VALUES (2, 0, 100)");
        _node.Run("DELETE FROM t WHERE p = 1 AND c >= 1 AND c <= 2");
        Assert.Equal([0, 30, 40, 100], _node.Ints("SELECT v FROM mv").Select(r => r[0]).Order());
        _node.Run("DELETE FROM t WHERE p = 1");
        Assert.Equal([[100]], _node.Ints("SELECT v FROM mv"));
    }

    [Fact]
    public void OlderWritesUnderNewerTombstonesCreateNoViewRow()
    {
        CreateBaseAndView();
        _node.Run("DELETE FROM t USING TIMESTAMP 10 WHERE p = 1");
        _node.Run("INSERT INTO t (p, c, v) VALUES (1, 1, 1) USING TIMESTAMP 8");
        Assert.Empty(_node.Ints("SELECT * FROM mv"));
    }

    [Fact]
    public void ViewIsBuiltFromExistingDataAndTruncatedWithItsBase()
    {
        _node.Run("CREATE TABLE t (p int, c int, v int, w int, PRIMARY KEY (p, c))");
        for (int p = 0; p < 20; p++) _node.Run($"INSERT INTO t (p, c, v) VALUES ({p}, 0, {p})");
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT p, c, v FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)");
        Assert.Equal(20, _node.Ints("SELECT v FROM mv").Count);
        _node.Run("TRUNCATE t");
        Assert.Empty(_node.Ints("SELECT v FROM mv"));
    }

    [Fact]
    public void WhereClauseOnPrimaryKeyFiltersViewRows()
    {
        _node.Run("CREATE TABLE t (p int, c int, v int, PRIMARY KEY (p, c))");
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c > 1 PRIMARY KEY (v, p, c)");
        for (int c = 0; c < 4; c++) _node.Run($"INSERT INTO t (p, c, v) VALUES (1, {c}, {c})");
        Assert.Equal([2, 3], _node.Ints("SELECT c FROM mv").Select(r => r[0]).Order());
    }

    [Fact]
    public void SelectStarViewPicksUpAddedColumns()
    {
        CreateBaseAndView();
        _node.Run("ALTER TABLE t ADD x int");
        _node.Run("INSERT INTO t (p, c, v, x) VALUES (1, 1, 1, 9)");
        Assert.Equal([[9]], _node.Ints("SELECT x FROM mv"));
    }

    [Fact]
    public void KeyOnlyViewOfRowsWrittenByUpdateFollowsTheirCells()
    {
        _node.Run("CREATE TABLE t (p int, c int, w int, PRIMARY KEY (p, c))");
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT p, c FROM t WHERE p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (c, p)");
        _node.Run("UPDATE t SET w = 1 WHERE p = 1 AND c = 2");
        Assert.Equal([[2, 1]], _node.Ints("SELECT c, p FROM mv"));
        _node.Run("DELETE w FROM t WHERE p = 1 AND c = 2");
        Assert.Empty(_node.Ints("SELECT c, p FROM mv"));
    }

    [Fact]
    public void RenamingBasePrimaryKeyColumnsRenamesThemInViews()
    {
        _node.Run("CREATE TABLE t (pk int, ck int, v int, PRIMARY KEY (pk, ck))");
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE pk IS NOT NULL AND ck > 0 AND v IS NOT NULL PRIMARY KEY (v, ck, pk)");
        _node.Run("ALTER TABLE t RENAME pk TO pk2 AND ck TO ck2");
        _node.Run("INSERT INTO t (pk2, ck2, v) VALUES (1, 1, 5)");
        _node.Run("INSERT INTO t (pk2, ck2, v) VALUES (1, 0, 6)");
        Assert.Equal([[5, 1, 1]], _node.Ints("SELECT v, ck2, pk2 FROM mv"));
        var view = _node.Schema.Current.GetTable("ks", "mv")!.View!;
        Assert.Equal("pk2 IS NOT NULL AND ck2 > 0 AND v IS NOT NULL", view.WhereClause);
        Assert.StartsWith("Cannot drop column v on base table t with materialized views", _node.Error("ALTER TABLE t DROP v"));
    }

    [Fact]
    public void BuildStatusIsRecordedInSystemDistributedAndRemovedWithTheView()
    {
        const string query = "SELECT host_id, status FROM system_distributed.view_build_status WHERE keyspace_name = 'ks' AND view_name = 'mv'";
        _node.Run("CREATE TABLE t (p int, c int, v int, w int, PRIMARY KEY (p, c))");
        _node.Run("INSERT INTO t (p, c, v) VALUES (1, 1, 1)");
        Assert.Empty(_node.Rows(query));
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)");
        var row = Assert.Single(_node.Rows(query));
        Assert.Equal(_node.HostId, CqlType.Uuid.Compose(row[0]!));
        Assert.Equal("SUCCESS", CqlType.Text.Compose(row[1]!));
        _node.Run("DROP MATERIALIZED VIEW mv");
        Assert.Empty(_node.Rows(query));
    }

    [Fact]
    public void DdlRulesAndMessages()
    {
        _node.Run("CREATE TABLE t (p int, c int, v int, w int, s int static, PRIMARY KEY (p, c))");
        Assert.Equal("Cannot create materialized view 'mv' without primary key columns c from base table 't'",
            _node.Error("CREATE MATERIALIZED VIEW mv AS SELECT p, c, v FROM t WHERE v IS NOT NULL AND p IS NOT NULL PRIMARY KEY (v, p)"));
        Assert.Equal("Cannot include more than one non-primary key column in materialized view primary key (got v, w)",
            _node.Error("CREATE MATERIALIZED VIEW mv AS SELECT p, c, v, w FROM t WHERE v IS NOT NULL AND w IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY ((v, w), p, c)"));
        Assert.Equal("Primary key columns v must be restricted with 'IS NOT NULL' or otherwise",
            _node.Error("CREATE MATERIALIZED VIEW mv AS SELECT p, c, v FROM t WHERE p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)"));
        Assert.Equal("Cannot include static column 's' in materialized view 'mv'",
            _node.Error("CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)"));
        Assert.Equal("Non-primary key columns can only be restricted with 'IS NOT NULL' (got: w restricted illegally)",
            _node.Error("CREATE MATERIALIZED VIEW mv AS SELECT p, c, v, w FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL AND w = 1 PRIMARY KEY (v, p, c)"));
        _node.Run("CREATE MATERIALIZED VIEW mv AS SELECT p, c, v FROM t WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)");
        Assert.StartsWith("Cannot directly modify a materialized view", _node.Error("INSERT INTO mv (v, p, c) VALUES (1, 1, 1)"));
        Assert.StartsWith("Cannot drop a table when materialized views still depend on it", _node.Error("DROP TABLE t"));
        Assert.Equal("Cannot TRUNCATE materialized view directly; must truncate base table instead", _node.Error("TRUNCATE mv"));
        _node.Run("ALTER MATERIALIZED VIEW mv WITH comment = 'x'");
        _node.Run("DROP MATERIALIZED VIEW mv");
        Assert.Equal("Materialized view 'ks.mv' doesn't exist", _node.Error("DROP MATERIALIZED VIEW mv"));
        _node.Run("DROP MATERIALIZED VIEW IF EXISTS mv");
        _node.Run("DROP TABLE t");
    }
}
