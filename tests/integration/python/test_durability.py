"""Durability of a real node: the commit log keeps every acknowledged write.

* With `commitlog_sync: batch` a writer thread inserts rows and records the ones
  acknowledged; the node is SIGKILLed at seeded random moments and restarted on
  the same data directory; every acknowledged row must be there, and every row
  that is there must hold exactly the value written for it.
* The seed scenarios' data (LangChain's byte store, the tutorial table) survives
  SIGTERM + restart and SIGKILL + restart with the default settings.
* Truncating the last commit log segment loses only its torn tail: the node
  starts, names the damaged file in its log, and serves everything else.

These tests start their own nodes (never the shared session node).
"""
import glob
import os
import random
import re
import signal
import threading
import time

import pytest
from cassandra.query import ValueSequence

from conftest import new_cluster
from sibyl_node import SibylNode

SEED = int(os.environ.get("SIBYL_DURABILITY_SEED", "8"))
ROUNDS = 5


def write_config(data_dir, sync):
    path = os.path.join(data_dir, "sibyl.yaml")
    with open(path, "w") as f:
        f.write("commitlog_sync: %s\n" % sync)
        if sync == "periodic":
            f.write("commitlog_sync_period: 10000ms\n")
    return path


def start_node(data_dir, config=None):
    node = SibylNode(data_dir=data_dir, extra_args=["--config", config] if config else ())
    node.start()
    return node


def connect(node):
    cluster = new_cluster((node.host, node.port))
    return cluster, cluster.connect()


def crash(node):
    """SIGKILL, the way a power cut looks to the process."""
    os.killpg(node.proc.pid, signal.SIGKILL)
    node.proc.wait(10)
    node.stop()


def segments(data_dir):
    return sorted(glob.glob(os.path.join(data_dir, "commitlog", "CommitLog-*.log")),
                  key=lambda p: int(re.search(r"-(\d+)\.log$", p).group(1)))


class Writer(threading.Thread):
    """Inserts rows with increasing keys until the node dies; remembers what was acknowledged."""

    def __init__(self, session, insert, first_key, round_no):
        super().__init__(daemon=True)
        self.session, self.insert = session, insert
        self.next_key, self.round_no = first_key, round_no
        self.acked = {}
        self.error = None

    def run(self):
        while True:
            k = self.next_key
            v = "round%d-key%d-%s" % (self.round_no, k, "x" * (k % 97))
            try:
                self.session.execute(self.insert, (k, v), timeout=5)
            except Exception as e:  # the node went away: this write is not acknowledged
                self.error = e
                return
            self.acked[k] = v
            self.next_key += 1


def test_acknowledged_writes_survive_sigkill_in_batch_mode(data_dir):
    rng = random.Random(SEED)
    config = write_config(data_dir, "batch")
    expected = {}  # every acknowledged row: key -> value
    attempted_to = 0
    node = start_node(data_dir, config)
    try:
        cluster, s = connect(node)
        s.execute("CREATE KEYSPACE crash WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE crash.t (k int PRIMARY KEY, v text)")
        cluster.shutdown()
        for round_no in range(ROUNDS):
            cluster, s = connect(node)
            insert = s.prepare("INSERT INTO crash.t (k, v) VALUES (?, ?)")
            writer = Writer(s, insert, attempted_to, round_no)
            writer.start()
            time.sleep(rng.uniform(0.3, 1.5))
            crash(node)
            writer.join(30)
            assert not writer.is_alive(), "the writer did not notice the node died"
            cluster.shutdown()
            assert writer.acked, "round %d: no write was acknowledged before the kill" % round_no
            expected.update(writer.acked)
            attempted_to = writer.next_key + 1  # the key in flight at the kill may or may not be there

            node = start_node(data_dir, config)
            cluster, s = connect(node)
            rows = {r.k: r.v for r in s.execute("SELECT k, v FROM crash.t")}
            cluster.shutdown()
            missing = sorted(k for k in expected if k not in rows)
            assert not missing, "round %d: %d acknowledged rows lost after SIGKILL, first %s" % (
                round_no, len(missing), missing[:10])
            for k, v in rows.items():
                want = expected.get(k)
                if want is not None:
                    assert v == want, "row %d holds %r, acknowledged %r" % (k, v, want)
                else:  # written but never acknowledged: must be whole, from the round that tried it
                    assert v.startswith("round") and v.split("-")[1] == "key%d" % k, "row %d is half-applied: %r" % (k, v)
                    expected[k] = v
    finally:
        node.stop()


def seed_writes(s):
    """The statements of seed 000 (LangChain byte store) and seed 001 (tutorial table)."""
    s.execute("CREATE KEYSPACE my_keyspace WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
    s.execute("CREATE TABLE my_keyspace.my_table (key text PRIMARY KEY, value text)")
    insert = s.prepare("INSERT INTO my_keyspace.my_table (key, value) VALUES (?, ?)")
    s.execute(insert, ["key1", "value1"])
    s.execute(insert, ["key2", "value2"])
    s.execute(s.prepare("UPDATE my_keyspace.my_table SET value = ? WHERE key = ?"), ["new_value", "key1"])
    s.execute("DELETE FROM my_keyspace.my_table WHERE key = %s", ["key2"])

    s.execute("CREATE KEYSPACE store_ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
    s.execute("\n    CREATE TABLE IF NOT EXISTS store_ks.my_store \n"
              "    (row_id TEXT, body_blob BLOB, PRIMARY KEY (row_id));\n")
    put = s.prepare("INSERT INTO store_ks.my_store (row_id, body_blob) VALUES (?, ?);")
    for k, v in [("a", b"\x00\x01"), ("b", b""), ("c", bytes(range(256)) * 40), ("gone", b"x")]:
        s.execute(put, (k, v))
    s.execute(s.prepare("DELETE FROM store_ks.my_store WHERE row_id IN ?;"), [ValueSequence(["gone"])])


def check_seed_data(s):
    rows = sorted((r.key, r.value) for r in s.execute("SELECT * FROM my_keyspace.my_table"))
    assert rows == [("key1", "new_value")]
    table = s.cluster.metadata.keyspaces["store_ks"].tables["my_store"]
    assert {n: c.cql_type for n, c in table.columns.items()} == {"row_id": "text", "body_blob": "blob"}
    found = {r.row_id: r.body_blob for r in s.execute(
        s.prepare("SELECT row_id, body_blob FROM  store_ks.my_store WHERE row_id IN ?;"),
        [ValueSequence(["a", "b", "c", "gone"])])}
    assert found == {"a": b"\x00\x01", "b": b"", "c": bytes(range(256)) * 40}


@pytest.mark.parametrize("stop", ["sigterm", "sigkill"])
def test_seed_data_survives_restart(data_dir, stop):
    node = start_node(data_dir)
    try:
        cluster, s = connect(node)
        seed_writes(s)
        check_seed_data(s)
        cluster.shutdown()
        if stop == "sigterm":
            assert node.terminate() == 0, node.output_tail()
            node.stop()
        else:
            crash(node)
        node = start_node(data_dir)
        cluster, s = connect(node)
        check_seed_data(s)
        cluster.shutdown()
    finally:
        node.stop()


def test_truncated_last_segment_loses_only_its_tail(data_dir):
    config = write_config(data_dir, "batch")
    node = start_node(data_dir, config)
    try:
        cluster, s = connect(node)
        s.execute("CREATE KEYSPACE torn WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE torn.t (k int PRIMARY KEY, v text)")
        insert = s.prepare("INSERT INTO torn.t (k, v) VALUES (?, ?)")
        for k in range(50):
            s.execute(insert, (k, "v%d" % k))
        cluster.shutdown()
        assert node.terminate() == 0, node.output_tail()
        node.stop()

        last = [p for p in segments(data_dir) if os.path.getsize(p) > 20][-1]
        with open(last, "r+b") as f:
            # Batch mode zero-fills segments ahead: the written records end where the zeros begin.
            written = len(f.read().rstrip(b"\0"))
            f.truncate(written - 7)  # tear the last record

        node = start_node(data_dir, config)
        cluster, s = connect(node)
        rows = {r.k: r.v for r in s.execute("SELECT k, v FROM torn.t")}
        assert rows == {k: "v%d" % k for k in range(49)}, "expected rows 0..48, got %d rows" % len(rows)
        s.execute(insert_stmt(s), (100, "after"))  # and the node takes writes again
        assert s.execute("SELECT v FROM torn.t WHERE k = 100").one().v == "after"
        cluster.shutdown()
        log = open(os.path.join(data_dir, "logs", "system.log"), encoding="utf-8", errors="replace").read() \
            + node.output_tail(20000)
        assert os.path.basename(last) in log, "the log does not name the damaged segment %s" % last
        assert re.search(r"\d+ bytes skipped", log), "the log does not say how many bytes were skipped"
    finally:
        node.stop()


def insert_stmt(s):
    return s.prepare("INSERT INTO torn.t (k, v) VALUES (?, ?)")


def test_schema_survives_restart(data_dir):
    """Keyspaces, user types, tables (ids, clustering order, options) and dropped columns come back as they were."""
    node = start_node(data_dir)
    try:
        cluster, s = connect(node)
        s.execute("CREATE KEYSPACE sch WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1} "
                  "AND durable_writes = false")
        s.execute("CREATE TYPE sch.point (x int, y int)")
        s.execute("CREATE TYPE sch.shape (name text, corners list<frozen<point>>)")
        s.execute("CREATE TABLE sch.t (p int, c1 text, c2 int, s int static, v frozen<shape>, m map<text, int>, "
                  "gone text, PRIMARY KEY (p, c1, c2)) WITH CLUSTERING ORDER BY (c1 DESC, c2 ASC) "
                  "AND comment = 'kept' AND gc_grace_seconds = 3600 "
                  "AND compaction = {'class': 'LeveledCompactionStrategy'}")
        s.execute("ALTER TABLE sch.t DROP gone")
        s.execute("CREATE TABLE sch.plain (k int PRIMARY KEY, v text)")
        before = {name: s.execute("SELECT * FROM system_schema.%s WHERE keyspace_name = 'sch'" % name).all()
                  for name in ("keyspaces", "tables", "columns", "types", "dropped_columns")}
        cluster.shutdown()
        assert node.terminate() == 0, node.output_tail()
        node.stop()

        node = start_node(data_dir)
        cluster, s = connect(node)
        for name, rows in before.items():
            after = s.execute("SELECT * FROM system_schema.%s WHERE keyspace_name = 'sch'" % name).all()
            assert sorted(map(repr, after)) == sorted(map(repr, rows)), "system_schema.%s changed across a restart" % name
        s.execute("INSERT INTO sch.t (p, c1, c2, v) VALUES (1, 'a', 2, {name: 'tri', corners: [{x: 1, y: 2}]})")
        assert s.execute("SELECT v FROM sch.t WHERE p = 1").one().v.corners[0].y == 2
        cluster.shutdown()
    finally:
        node.stop()
