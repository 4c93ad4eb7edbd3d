"""Starts and stops one real `sibyl` node process for the integration tests.

The node is driven only through its public contract:
  ./sibyl start --data-dir DIR --port CQL_PORT --admin-port ADMIN_PORT --listen 127.0.0.1
run from the repository root; SIGTERM stops it. The first start may build the
project, so readiness waits up to START_TIMEOUT_S for the CQL port.
"""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

REPO_ROOT = os.environ.get(
    "SIBYL_REPO",
    os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
SIBYL = os.path.join(REPO_ROOT, "sibyl")
LISTEN = "127.0.0.1"
START_TIMEOUT_S = float(os.environ.get("SIBYL_START_TIMEOUT", "180"))
STOP_TIMEOUT_S = 30.0


def free_port():
    """A port nothing listens on right now (never 9042, a developer's own node)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind((LISTEN, 0))
            port = s.getsockname()[1]
        if port != 9042:
            return port


def port_accepts(host, port, timeout=0.5):
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def run_sibyl(args, timeout=180):
    """Runs a short `./sibyl ...` command (nodetool, a failing start) to completion."""
    return subprocess.run([SIBYL] + list(args), cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=timeout)


class SibylNode:
    """One node process with its own temp data dir and free ports."""

    def __init__(self, data_dir=None, port=None, admin_port=None, extra_args=()):
        self.owns_data_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="sibyl-it-")
        self.host = LISTEN
        self.port = port or free_port()
        self.admin_port = admin_port or free_port()
        while self.admin_port == self.port:
            self.admin_port = free_port()
        self.extra_args = list(extra_args)
        self.proc = None
        self._out_path = os.path.join(tempfile.gettempdir(),
                                      "sibyl-it-%d-%d.out" % (os.getpid(), self.port))
        self._out = None

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def command(self):
        return [SIBYL, "start", "--data-dir", self.data_dir, "--port", str(self.port),
                "--admin-port", str(self.admin_port), "--listen", self.host] + self.extra_args

    def start(self):
        if not os.path.exists(SIBYL):
            self.stop()
            raise RuntimeError("%s not found (set SIBYL_REPO to the repository root)" % SIBYL)
        self._out = open(self._out_path, "wb")
        # Own session: a failing stop can then kill exactly this process group.
        self.proc = subprocess.Popen(self.command(), cwd=REPO_ROOT, stdout=self._out,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError("sibyl exited with %s before listening on %d:\n%s"
                                       % (self.proc.returncode, self.port, self.output_tail()))
                if port_accepts(self.host, self.port):
                    return self
                time.sleep(0.25)
            raise RuntimeError("sibyl did not accept CQL connections on %d within %.0f s:\n%s"
                               % (self.port, START_TIMEOUT_S, self.output_tail()))
        except BaseException:
            self.stop()
            raise

    def output_tail(self, limit=4000):
        try:
            with open(self._out_path, "rb") as f:
                data = f.read()
            return data[-limit:].decode("utf-8", "replace")
        except OSError:
            return "(no output captured)"

    def terminate(self, timeout=STOP_TIMEOUT_S):
        """SIGTERM and wait; returns the exit code, or None if it had to be killed."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None

    def kill(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the group this object created
            except ProcessLookupError:
                pass
            self.proc.wait(10)
        else:
            # The launcher is gone; make sure no child of its group outlived it.
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def stop(self):
        """Teardown: clean stop, forced if needed, then remove what this object created."""
        try:
            self.terminate()
        finally:
            self.kill()
            if self._out:
                self._out.close()
                self._out = None
            if self.owns_data_dir and not os.environ.get("SIBYL_KEEP_DATA"):
                shutil.rmtree(self.data_dir, ignore_errors=True)
