"""system_distributed and system.size_estimates as drivers and tools read them: a view's build status
under this host after CREATE MATERIALIZED VIEW, the keyspace in the driver's schema metadata, and
per-range partition estimates after a flush and nodetool refreshsizeestimates."""
import time

import pytest
from cassandra import ConsistencyLevel
from cassandra.query import SimpleStatement

from sibyl_node import run_sibyl


def test_view_build_status_is_success_under_this_host(cql):
    ks = cql.keyspace
    cql.execute("CREATE TABLE base (p int, c int, v int, PRIMARY KEY (p, c))")
    cql.execute("INSERT INTO base (p, c, v) VALUES (1, 1, 1)")
    cql.execute("CREATE MATERIALIZED VIEW mv AS SELECT * FROM base "
                "WHERE v IS NOT NULL AND p IS NOT NULL AND c IS NOT NULL PRIMARY KEY (v, p, c)")
    query = SimpleStatement("SELECT host_id, status FROM system_distributed.view_build_status "
                            "WHERE keyspace_name = %s AND view_name = 'mv'", consistency_level=ConsistencyLevel.ONE)
    deadline = time.time() + 30
    rows = []
    while time.time() < deadline:
        rows = list(cql.execute(query, [ks]))
        if rows and rows[0].status == "SUCCESS":
            break
        time.sleep(0.1)
    assert [r.status for r in rows] == ["SUCCESS"]
    local = cql.execute("SELECT host_id FROM system.local").one().host_id
    assert rows[0].host_id == local
    cql.execute("DROP MATERIALIZED VIEW mv")
    assert list(cql.execute(query, [ks])) == []


def test_system_distributed_is_in_the_driver_metadata(cql):
    meta = cql.cluster.metadata.keyspaces["system_distributed"]
    assert meta.replication_strategy.replication_factor == 3
    assert {"repair_history", "parent_repair_history", "view_build_status"} <= set(meta.tables)


def test_size_estimates_follow_flushed_partitions(cql, sibyl_node):
    if sibyl_node is None:
        pytest.skip("needs a node started by the test session (its admin port)")
    ks = cql.keyspace
    cql.execute("CREATE TABLE est (k int PRIMARY KEY)")
    insert = cql.prepare("INSERT INTO est (k) VALUES (?)")
    for k in range(3000):
        cql.execute(insert, [k])
    for args in (["flush", ks, "est"], ["refreshsizeestimates"]):
        result = run_sibyl(["nodetool", "-p", str(sibyl_node.admin_port)] + args, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    rows = list(cql.execute("SELECT range_start, range_end, partitions_count, mean_partition_size "
                            "FROM system.size_estimates WHERE keyspace_name = %s AND table_name = 'est'", [ks]))
    assert len(rows) >= 1
    total = sum(r.partitions_count for r in rows)
    assert 3000 / 1.05 < total < 3000 * 1.05
    assert all(r.mean_partition_size > 0 for r in rows if r.partitions_count > 0)
