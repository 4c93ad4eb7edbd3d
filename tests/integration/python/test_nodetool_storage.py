"""nodetool's storage operations against a real node: flush writes SSTables, data stays readable
through flush and compaction, snapshots are listed and cleared, tablestats reports the table."""
import glob
import os

import pytest

from sibyl_node import run_sibyl


@pytest.fixture(scope="module")
def node_and_table(sibyl_node, cql):
    if sibyl_node is None:
        pytest.skip("needs a node started by the test session (its data directory and admin port)")
    ks = cql.keyspace
    cql.execute("CREATE TABLE ops (k int PRIMARY KEY, v text)")
    return sibyl_node, ks


def nodetool(node, *args):
    result = run_sibyl(["nodetool", "-p", str(node.admin_port)] + list(args), timeout=120)
    return result.returncode, result.stdout + result.stderr


def sstable_files(node, ks):
    return glob.glob(os.path.join(node.data_dir, "data", ks, "ops-*", "*Data.db"))


def test_flush_and_compact_keep_every_row(cql, node_and_table):
    node, ks = node_and_table
    for batch in range(3):
        for k in range(batch * 100, batch * 100 + 100):
            cql.execute("INSERT INTO ops (k, v) VALUES (%s, %s)", [k, "v%d" % k])
        rc, out = nodetool(node, "flush", ks, "ops")
        assert rc == 0, out
    assert len(sstable_files(node, ks)) >= 3
    cql.execute("DELETE FROM ops WHERE k = 5")
    rc, out = nodetool(node, "compact", ks, "ops")
    assert rc == 0, out
    rows = {r.k: r.v for r in cql.execute("SELECT k, v FROM ops")}
    assert len(rows) == 299 and 5 not in rows and rows[299] == "v299"


def test_snapshots_are_listed_and_cleared(cql, node_and_table):
    node, ks = node_and_table
    rc, out = nodetool(node, "snapshot", "-t", "before_upgrade", ks)
    assert rc == 0, out
    rc, out = nodetool(node, "listsnapshots")
    assert rc == 0 and "before_upgrade" in out, out
    rc, out = nodetool(node, "clearsnapshot", "-t", "before_upgrade")
    assert rc == 0, out
    rc, out = nodetool(node, "listsnapshots")
    assert "before_upgrade" not in out, out


def test_tablestats_and_unknown_table(cql, node_and_table):
    node, ks = node_and_table
    rc, out = nodetool(node, "tablestats", "%s.ops" % ks)
    assert rc == 0, out
    assert "Table: ops" in out and "SSTable count" in out, out
    rc, out = nodetool(node, "flush", ks, "no_such_table")
    assert rc != 0 and "no_such_table" in out, out
