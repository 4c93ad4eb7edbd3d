"""Node lifecycle: clean SIGTERM, config validation, the log file, nodetool.

These tests start their own nodes (never the shared session node), so they
also run when SIBYL_PORT points the other tests at an external node.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import pytest

from conftest import new_cluster
from sibyl_node import REPO_ROOT, SIBYL, SibylNode, free_port, port_accepts, run_sibyl

UUID_RE = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.fixture
def node():
    n = SibylNode()
    n.start()
    try:
        yield n
    finally:
        n.stop()


def host_id_of(n):
    cluster = new_cluster((n.host, n.port))
    try:
        return cluster.connect().execute("SELECT host_id FROM system.local").one().host_id
    finally:
        cluster.shutdown()


def test_sigterm_exits_zero_within_seconds(node):
    cluster = new_cluster((node.host, node.port))
    session = cluster.connect()
    session.execute("SELECT * FROM system.local")
    try:
        started = time.monotonic()
        node.proc.send_signal(signal.SIGTERM)
        code = node.proc.wait(15)
        elapsed = time.monotonic() - started
    finally:
        cluster.shutdown()
    assert code == 0, "exit code %s; output:\n%s" % (code, node.output_tail())
    assert elapsed < 10, "stopping took %.1f s" % elapsed
    assert not port_accepts(node.host, node.port), "CQL port still open after exit"


def test_data_survives_sigterm_and_restart():
    data_dir = tempfile.mkdtemp(prefix="sibyl-it-restart-")
    first = SibylNode(data_dir=data_dir)
    first.start()
    try:
        cluster = new_cluster((first.host, first.port))
        s = cluster.connect()
        s.execute("CREATE KEYSPACE durable WITH replication = "
                  "{'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE durable.t (k int PRIMARY KEY, v text)")
        for k in range(100):
            s.execute("INSERT INTO durable.t (k, v) VALUES (%s, %s)", [k, "v%d" % k])
        host_id = s.execute("SELECT host_id FROM system.local").one().host_id
        cluster.shutdown()
        assert first.terminate() == 0, first.output_tail()
    finally:
        first.stop()
    second = SibylNode(data_dir=data_dir)
    second.owns_data_dir = True  # remove it after this second run
    second.start()
    try:
        cluster = new_cluster((second.host, second.port))
        s = cluster.connect()
        rows = s.execute("SELECT k, v FROM durable.t").all()
        assert sorted((r.k, r.v) for r in rows) == [(k, "v%d" % k) for k in range(100)]
        assert s.execute("SELECT host_id FROM system.local").one().host_id == host_id, \
            "host_id must persist across restarts"
        cluster.shutdown()
    finally:
        second.stop()


def test_unknown_config_setting_fails_start():
    data_dir = tempfile.mkdtemp(prefix="sibyl-it-config-")
    config = os.path.join(data_dir, "sibyl.yaml")
    with open(config, "w") as f:
        f.write("cluster_name: 'Test Cluster'\nnum_tokens: 16\nno_such_setting_xyz: 42\n")
    port, admin_port = free_port(), free_port()
    out_path, err_path = os.path.join(data_dir, "stdout"), os.path.join(data_dir, "stderr")
    try:
        with open(out_path, "w") as out, open(err_path, "w") as err:
            proc = subprocess.Popen([SIBYL, "start", "--config", config, "--data-dir", data_dir,
                                     "--port", str(port), "--admin-port", str(admin_port),
                                     "--listen", "127.0.0.1"],
                                    cwd=REPO_ROOT, stdout=out, stderr=err, start_new_session=True)
            deadline = time.monotonic() + 180  # the first use may build the project
            while proc.poll() is None and time.monotonic() < deadline:
                if port_accepts("127.0.0.1", port):
                    break
                time.sleep(0.25)
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
                pytest.fail("`sibyl start` with an unknown setting kept running")
        with open(err_path, encoding="utf-8", errors="replace") as f:
            stderr = f.read()
        assert proc.returncode != 0
        assert "no_such_setting_xyz" in stderr, "stderr does not name the setting:\n%s" % stderr[-3000:]
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def test_log_file_is_written(node):
    log = os.path.join(node.data_dir, "logs", "system.log")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (os.path.exists(log) and os.path.getsize(log) > 0):
        time.sleep(0.2)
    assert os.path.isfile(log), "no %s" % log
    with open(log, encoding="utf-8", errors="replace") as f:
        text = f.read()
    assert text.strip(), "system.log is empty"
    assert str(node.port) in text, "system.log does not say which CQL port it listens on"


def test_nodetool_status_and_info(node):
    host_id = str(host_id_of(node))

    status = run_sibyl(["nodetool", "-p", str(node.admin_port), "status"], timeout=120)
    assert status.returncode == 0, status.stderr
    lines = [ln for ln in status.stdout.splitlines() if ln.startswith("UN")]
    assert len(lines) == 1, "expected one UN line:\n%s" % status.stdout
    assert "127.0.0.1" in lines[0]
    assert host_id in lines[0], "status line lacks the host id %s:\n%s" % (host_id, status.stdout)
    assert "datacenter1" in status.stdout

    info = run_sibyl(["nodetool", "-p", str(node.admin_port), "info"], timeout=120)
    assert info.returncode == 0, info.stderr
    m = re.search(r"^ID\s*:\s*(%s)\s*$" % UUID_RE, info.stdout, re.MULTILINE)
    assert m, "no 'ID : <uuid>' line:\n%s" % info.stdout
    assert m.group(1) == host_id
    assert uuid.UUID(m.group(1))


def test_nodetool_against_a_closed_port_fails():
    result = run_sibyl(["nodetool", "-p", str(free_port()), "status"], timeout=120)
    assert result.returncode != 0
