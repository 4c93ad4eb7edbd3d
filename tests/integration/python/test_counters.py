"""Counters on a real node, through the Python driver.

* Increments and decrements, prepared and unprepared, COUNTER and UNLOGGED batches, static counters,
  deletion, filtering, JSON and Cassandra's refusals.
* Many threads increment the same counters at once: no increment is lost.
* Counter values survive a flush and a restart (SIGTERM), then SIGKILL with the commit log alone, and
  keep counting afterwards.

The restart test starts its own node (never the shared session node).
"""
import json
import os
import signal
import threading

import pytest
from cassandra import ConsistencyLevel, InvalidRequest
from cassandra.query import BatchStatement, BatchType, SimpleStatement

from conftest import new_cluster, unique_keyspace
from sibyl_node import SibylNode, run_sibyl

THREADS = 8
PER_THREAD = 150


def test_increments_and_decrements(cql):
    cql.execute("CREATE TABLE c (k int PRIMARY KEY, a counter, b counter)")
    cql.execute("UPDATE c SET a = a + 5 WHERE k = 1")
    cql.execute("UPDATE c SET a = a - 2, b = b + 1 WHERE k = 1")
    cql.execute("UPDATE c SET a += 10 WHERE k = 1")
    add = cql.prepare("UPDATE c SET b = b + ? WHERE k = ?")
    cql.execute(add, [-4, 1])
    assert list(cql.execute("SELECT a, b FROM c WHERE k = 1")) == [(13, -3)]
    # A counter never written reads as null, a filtered counter compares as a bigint.
    cql.execute("UPDATE c SET a = a + 1 WHERE k = 2")
    assert list(cql.execute("SELECT k, a, b FROM c WHERE k = 2")) == [(2, 1, None)]
    assert sorted(cql.execute("SELECT k FROM c WHERE a > 1 ALLOW FILTERING")) == [(1,)]
    assert [json.loads(r[0]) for r in cql.execute("SELECT JSON k, a FROM c WHERE k = 1")] == [{"k": 1, "a": 13}]


def test_batches_and_statics(cql):
    cql.execute("CREATE TABLE b (k int, c int, s counter static, n counter, PRIMARY KEY (k, c))")
    cql.execute("BEGIN COUNTER BATCH "
                "UPDATE b SET n = n + 1 WHERE k = 1 AND c = 1; "
                "UPDATE b SET n = n + 2 WHERE k = 1 AND c = 1; "
                "UPDATE b SET s = s + 7 WHERE k = 1; "
                "UPDATE b SET n = n + 4 WHERE k = 2 AND c = 1; "
                "APPLY BATCH")
    batch = BatchStatement(batch_type=BatchType.UNLOGGED)
    stmt = cql.prepare("UPDATE b SET n = n + ? WHERE k = ? AND c = ?")
    batch.add(stmt, [10, 1, 2])
    batch.add(stmt, [10, 1, 2])
    cql.execute(batch)
    assert list(cql.execute("SELECT c, s, n FROM b WHERE k = 1")) == [(1, 7, 3), (2, 7, 20)]
    assert list(cql.execute("SELECT c, s, n FROM b WHERE k = 2")) == [(1, None, 4)]


def test_deletes(cql):
    cql.execute("CREATE TABLE d (k int, c int, n counter, m counter, PRIMARY KEY (k, c))")
    cql.execute("UPDATE d SET n = n + 5, m = m + 1 WHERE k = 1 AND c = 1")
    cql.execute("DELETE m FROM d WHERE k = 1 AND c = 1")
    assert list(cql.execute("SELECT n, m FROM d WHERE k = 1")) == [(5, None)]
    cql.execute("DELETE FROM d WHERE k = 1")
    assert list(cql.execute("SELECT * FROM d WHERE k = 1")) == []


@pytest.mark.parametrize("statement, message", [
    ("INSERT INTO r (k, n) VALUES (1, 1)", "INSERT statements are not allowed on counter tables, use UPDATE instead"),
    ("UPDATE r USING TIMESTAMP 5 SET n = n + 1 WHERE k = 1", "Cannot provide custom timestamp for counter updates"),
    ("UPDATE r USING TTL 5 SET n = n + 1 WHERE k = 1", "Cannot provide custom TTL for counter updates"),
    ("UPDATE r SET n = 1 WHERE k = 1", "Cannot set the value of counter column n"),
    ("UPDATE r SET n = n + null WHERE k = 1", "Invalid null value for counter increment/decrement"),
    ("BEGIN BATCH UPDATE r SET n = n + 1 WHERE k = 1; APPLY BATCH", "Cannot include a counter statement in a logged batch"),
    ("UPDATE r SET n = n + 1 WHERE k = 1 IF n = 1", "Conditional updates are not supported on counter tables"),
])
def test_refusals(cql, statement, message):
    cql.execute("CREATE TABLE IF NOT EXISTS r (k int PRIMARY KEY, n counter)")
    with pytest.raises(InvalidRequest, match=message.replace("(", r"\(").replace(")", r"\)")):
        cql.execute(statement)


def test_unset_and_null_increments(cql):
    cql.execute("CREATE TABLE u (k int PRIMARY KEY, n counter)")
    add = cql.prepare("UPDATE u SET n = n + ? WHERE k = 1")
    cql.execute(add, [3])
    from cassandra.query import UNSET_VALUE
    cql.execute(add, [UNSET_VALUE])
    with pytest.raises(InvalidRequest, match="Invalid null value for counter increment"):
        cql.execute(add, [None])
    assert list(cql.execute("SELECT n FROM u")) == [(3,)]


def test_any_consistency_is_refused(cql):
    cql.execute("CREATE TABLE a (k int PRIMARY KEY, n counter)")
    stmt = SimpleStatement("UPDATE a SET n = n + 1 WHERE k = 1", consistency_level=ConsistencyLevel.ANY)
    with pytest.raises(InvalidRequest, match="Consistency level ANY is not yet supported for counter table a"):
        cql.execute(stmt)


def test_concurrent_increments_are_never_lost(cql):
    """Threads increment three counters through their own prepared statement; every increment counts."""
    cql.execute("CREATE TABLE hot (k int PRIMARY KEY, n counter)")
    add = cql.prepare("UPDATE hot SET n = n + ? WHERE k = ?")
    errors = []

    def writer(t):
        try:
            futures = [cql.execute_async(add, [1 + (i % 2), i % 3]) for i in range(PER_THREAD)]
            for f in futures:
                f.result()
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    expected = THREADS * sum(1 + (i % 2) for i in range(PER_THREAD))
    assert sum(r.n for r in cql.execute("SELECT n FROM hot")) == expected


def test_counters_survive_restart(data_dir):
    node = SibylNode(data_dir=data_dir)
    node.start()
    try:
        cluster = new_cluster((node.host, node.port))
        session = cluster.connect()
        ks = unique_keyspace("it_counters_restart")
        session.execute("CREATE KEYSPACE %s WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}" % ks)
        session.execute("CREATE TABLE %s.t (k int PRIMARY KEY, n counter)" % ks)
        for i in range(20):
            session.execute("UPDATE %s.t SET n = n + %d WHERE k = %d" % (ks, i, i % 4))
        # Some shards flushed to an SSTable, the rest left in the commit log.
        result = run_sibyl(["nodetool", "-p", str(node.admin_port), "flush"], timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        for i in range(20):
            session.execute("UPDATE %s.t SET n = n + 1 WHERE k = %d" % (ks, i % 4))
        expected = {k: sum(i for i in range(20) if i % 4 == k) + 5 for k in range(4)}
        cluster.shutdown()
        node.stop()

        node = SibylNode(data_dir=data_dir)
        node.start()
        cluster = new_cluster((node.host, node.port))
        session = cluster.connect()
        assert {r.k: r.n for r in session.execute("SELECT k, n FROM %s.t" % ks)} == expected
        session.execute("UPDATE %s.t SET n = n - 1 WHERE k = 0" % ks)
        expected[0] -= 1
        cluster.shutdown()
        os.killpg(node.proc.pid, signal.SIGKILL)
        node.proc.wait(10)
        node.stop()

        node = SibylNode(data_dir=data_dir)
        node.start()
        cluster = new_cluster((node.host, node.port))
        session = cluster.connect()
        assert {r.k: r.n for r in session.execute("SELECT k, n FROM %s.t" % ks)} == expected
        cluster.shutdown()
    finally:
        node.stop()
