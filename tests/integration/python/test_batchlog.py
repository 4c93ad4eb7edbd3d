"""The batch log makes a LOGGED multi-partition batch atomic across a crash.

* With the failpoint `SIBYL_FAILPOINTS=batchlog-after-write` the coordinator writes the
  system.batches entry and then stops before applying the batch; the process is SIGKILLed in
  that window (none of the batch is visible yet, the entry is) and restarted without the
  failpoint: start-up replay applies the whole batch and removes the entry. Repeated rounds.
* Without failpoints, a writer sends logged batches of three partitions while the node is
  SIGKILLed at seeded random moments: after each restart every batch is either fully there
  or entirely absent, and every acknowledged batch is fully there.

These tests start their own nodes (never the shared session node).
"""
import os
import random
import signal
import threading
import time


from conftest import new_cluster
from sibyl_node import SibylNode

SEED = int(os.environ.get("SIBYL_BATCHLOG_SEED", "4"))
FAILPOINT_LINE = "failpoint batchlog-after-write reached"


def write_config(data_dir):
    path = os.path.join(data_dir, "sibyl.yaml")
    with open(path, "w") as f:
        f.write("commitlog_sync: batch\n")
    return path


def start_node(data_dir, config, failpoints=None):
    node = SibylNode(data_dir=data_dir, extra_args=["--config", config])
    if failpoints:
        os.environ["SIBYL_FAILPOINTS"] = failpoints
    try:
        node.start()
    finally:
        os.environ.pop("SIBYL_FAILPOINTS", None)
    return node


def crash(node):
    os.killpg(node.proc.pid, signal.SIGKILL)
    node.proc.wait(10)
    node.stop()


def connect(node):
    cluster = new_cluster((node.host, node.port))
    return cluster, cluster.connect()


def batch_cql(n):
    return ("BEGIN BATCH "
            "INSERT INTO ks.t (k, v) VALUES ('a%d', %d); "
            "INSERT INTO ks.t (k, v) VALUES ('b%d', %d); "
            "INSERT INTO ks.t (k, v) VALUES ('c%d', %d); "
            "APPLY BATCH" % (n, n, n, n, n, n))


def rows_of(session, n):
    return [r.v for r in session.execute(
        "SELECT v FROM ks.t WHERE k IN ('a%d', 'b%d', 'c%d')" % (n, n, n))]


def create_schema(node):
    cluster, s = connect(node)
    try:
        s.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE ks.t (k text PRIMARY KEY, v int)")
    finally:
        cluster.shutdown()


def test_kill_between_batchlog_write_and_mutations_replays_whole_batch(data_dir):
    config = write_config(data_dir)
    node = start_node(data_dir, config)
    create_schema(node)
    node.terminate()
    node.stop()
    for round_ in range(3):
        node = start_node(data_dir, config, failpoints="batchlog-after-write")
        cluster, s = connect(node)
        try:
            answered = threading.Event()
            future = s.execute_async(batch_cql(round_), timeout=60)
            future.add_callbacks(lambda _: answered.set(), lambda _: answered.set())
            deadline = time.monotonic() + 30
            while FAILPOINT_LINE not in node.output_tail(100000):
                assert time.monotonic() < deadline, node.output_tail()
                time.sleep(0.05)
            # In the window: the log entry is written, none of the batch is applied.
            assert rows_of(s, round_) == []
            assert len(list(s.execute("SELECT id FROM system.batches"))) == 1
            assert not answered.is_set()
        finally:
            crash(node)
            cluster.shutdown()
        node = start_node(data_dir, config)
        cluster, s = connect(node)
        try:
            assert sorted(rows_of(s, round_)) == [round_] * 3
            assert list(s.execute("SELECT id FROM system.batches")) == []
            for earlier in range(round_):
                assert sorted(rows_of(s, earlier)) == [earlier] * 3
        finally:
            cluster.shutdown()
            node.terminate()
            node.stop()


def test_random_kills_leave_batches_all_or_nothing(data_dir):
    config = write_config(data_dir)
    rng = random.Random(SEED)
    node = start_node(data_dir, config)
    create_schema(node)
    attempted, acked = [], set()
    next_n = 0
    for _round in range(3):
        cluster, s = connect(node)
        stop = threading.Event()

        def writer(session=s, start=next_n):
            n = start
            while not stop.is_set():
                attempted.append(n)
                try:
                    session.execute(batch_cql(n), timeout=5)
                    acked.add(n)
                except Exception:  # the node died under the request
                    return
                n += 1

        t = threading.Thread(target=writer)
        t.start()
        time.sleep(0.5 + rng.random() * 1.5)
        crash(node)
        stop.set()
        t.join(30)
        cluster.shutdown()
        next_n = (max(attempted) + 1) if attempted else next_n
        node = start_node(data_dir, config)
        cluster, s = connect(node)
        try:
            for n in attempted:
                got = rows_of(s, n)
                assert len(got) in (0, 3), "batch %d partially applied: %r" % (n, got)
                assert all(v == n for v in got)
                if n in acked:
                    assert len(got) == 3, "acknowledged batch %d lost" % n
            assert list(s.execute("SELECT id FROM system.batches")) == []
        finally:
            cluster.shutdown()
    assert len(acked) > 0
    node.terminate()
    node.stop()
