"""Materialized views on a real node, through the Python driver.

Covers the DDL (CREATE / ALTER / DROP MATERIALIZED VIEW, the driver's schema metadata built from
system_schema.views and SCHEMA_CHANGE events), maintenance of view rows on base writes and
deletions, the build of a view from existing data, and that views survive a restart.
"""
import time

import pytest
from cassandra import InvalidRequest

from conftest import new_cluster, unique_keyspace
from sibyl_node import SibylNode


@pytest.fixture
def ks(cql):
    name = unique_keyspace("mv")
    cql.execute("CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % name)
    yield name
    cql.execute("DROP KEYSPACE %s" % name)


def test_view_metadata_and_maintenance(cql, ks):
    cql.execute("CREATE TABLE %s.base (p int, c int, v text, w int, PRIMARY KEY (p, c))" % ks)
    for p in range(3):
        cql.execute("INSERT INTO %s.base (p, c, v, w) VALUES (%d, 0, 'v%d', %d)" % (ks, p, p % 2, p))
    cql.execute("CREATE MATERIALIZED VIEW %s.by_v AS SELECT * FROM %s.base "
                "WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)" % (ks, ks))
    # Built from the existing rows.
    assert sorted(r.p for r in cql.execute("SELECT p FROM %s.by_v WHERE v = 'v0'" % ks)) == [0, 2]

    row = cql.execute("SELECT * FROM system_schema.views WHERE keyspace_name = %s AND view_name = 'by_v'", [ks]).one()
    assert row.base_table_name == "base" and row.include_all_columns
    assert "v IS NOT NULL" in row.where_clause
    cluster = cql.cluster
    deadline = time.time() + 10
    while time.time() < deadline and "by_v" not in cluster.metadata.keyspaces[ks].views:
        time.sleep(0.1)
    view = cluster.metadata.keyspaces[ks].views["by_v"]
    assert [c.name for c in view.partition_key] == ["v"]
    assert [c.name for c in view.clustering_key] == ["p", "c"]
    assert "by_v" in cluster.metadata.keyspaces[ks].tables["base"].views

    # Updates move rows between view partitions; deletions remove them.
    cql.execute("UPDATE %s.base SET v = 'v9' WHERE p = 0 AND c = 0" % ks)
    assert [r.p for r in cql.execute("SELECT p FROM %s.by_v WHERE v = 'v0'" % ks)] == [2]
    assert [(r.p, r.w) for r in cql.execute("SELECT p, w FROM %s.by_v WHERE v = 'v9'" % ks)] == [(0, 0)]
    cql.execute("DELETE FROM %s.base WHERE p = 2" % ks)
    assert list(cql.execute("SELECT p FROM %s.by_v WHERE v = 'v0'" % ks)) == []

    with pytest.raises(InvalidRequest, match="Cannot directly modify a materialized view"):
        cql.execute("INSERT INTO %s.by_v (v, p, c) VALUES ('x', 1, 1)" % ks)
    with pytest.raises(InvalidRequest, match="materialized views still depend on it"):
        cql.execute("DROP TABLE %s.base" % ks)

    cql.execute("ALTER MATERIALIZED VIEW %s.by_v WITH comment = 'hello'" % ks)
    assert cql.execute("SELECT comment FROM system_schema.views WHERE keyspace_name = %s AND view_name = 'by_v'", [ks]).one().comment == "hello"
    cql.execute("DROP MATERIALIZED VIEW %s.by_v" % ks)
    assert cql.execute("SELECT * FROM system_schema.views WHERE keyspace_name = %s", [ks]).one() is None
    cql.execute("DROP TABLE %s.base" % ks)


def test_view_survives_restart():
    node = SibylNode().start()
    try:
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        s.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE ks.t (k int PRIMARY KEY, v int)")
        s.execute("CREATE MATERIALIZED VIEW ks.mv AS SELECT * FROM ks.t WHERE v IS NOT NULL AND k IS NOT NULL PRIMARY KEY (v, k)")
        s.execute("INSERT INTO ks.t (k, v) VALUES (1, 10)")
        cluster.shutdown()
        node.terminate()
        node.proc = None
        node.start()
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        assert [(r.v, r.k) for r in s.execute("SELECT v, k FROM ks.mv")] == [(10, 1)]
        # Maintenance still runs after the restart.
        s.execute("UPDATE ks.t SET v = 20 WHERE k = 1")
        assert [(r.v, r.k) for r in s.execute("SELECT v, k FROM ks.mv")] == [(20, 1)]
        cluster.shutdown()
    finally:
        node.stop()
