"""Reads that scan many tombstones: a protocol warning past tombstone_warn_threshold, and a
ReadFailure past tombstone_failure_threshold, as Cassandra answers. Starts its own node with a
sibyl.yaml that lowers both thresholds."""
import os
import tempfile

import pytest
from cassandra import ReadFailure

from conftest import new_cluster
from sibyl_node import SibylNode


@pytest.fixture(scope="module")
def session():
    data_dir = tempfile.mkdtemp(prefix="sibyl-it-tombstones-")
    config = os.path.join(data_dir, "sibyl.yaml")
    with open(config, "w") as f:
        f.write("tombstone_warn_threshold: 10\ntombstone_failure_threshold: 50\n")
    node = SibylNode(data_dir=data_dir, extra_args=["--config", config])
    node.owns_data_dir = True
    node.start()
    cluster = new_cluster((node.host, node.port))
    s = cluster.connect()
    s.execute("CREATE KEYSPACE tomb WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
    s.execute("CREATE TABLE tomb.t (k int, c int, v int, PRIMARY KEY (k, c))")
    try:
        yield s
    finally:
        cluster.shutdown()
        node.stop()


def test_warning_past_the_warn_threshold(session):
    for c in range(20):
        session.execute("INSERT INTO tomb.t (k, c, v) VALUES (1, %s, %s)", [c, c])
        session.execute("DELETE FROM tomb.t WHERE k = 1 AND c = %s", [c])
    session.execute("INSERT INTO tomb.t (k, c, v) VALUES (1, 100, 100)")
    result = session.execute("SELECT c FROM tomb.t WHERE k = 1")
    assert [r.c for r in result] == [100]
    warnings = result.response_future.warnings or []
    assert any("tombstone" in w for w in warnings), warnings


def test_few_tombstones_no_warning(session):
    session.execute("INSERT INTO tomb.t (k, c, v) VALUES (2, 1, 1)")
    session.execute("DELETE FROM tomb.t WHERE k = 2 AND c = 1")
    result = session.execute("SELECT c FROM tomb.t WHERE k = 2")
    assert list(result) == []
    assert not (result.response_future.warnings or [])


def test_read_failure_past_the_failure_threshold(session):
    for c in range(80):
        session.execute("INSERT INTO tomb.t (k, c, v) VALUES (3, %s, %s)", [c, c])
        session.execute("DELETE FROM tomb.t WHERE k = 3 AND c = %s", [c])
    with pytest.raises(ReadFailure):
        session.execute("SELECT c FROM tomb.t WHERE k = 3")
    # The node keeps serving other partitions.
    assert [r.c for r in session.execute("SELECT c FROM tomb.t WHERE k = 1")] == [100]
