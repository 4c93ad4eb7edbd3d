"""Fixtures: one real Sibyl node per test session, a driver session per module.

Run with Debian's interpreter (it has python3-cassandra):
    /usr/bin/python3 -m pytest tests/integration/python
SIBYL_HOST/SIBYL_PORT point the tests at an already running node instead
(the node-lifecycle tests in test_shutdown.py still start their own).
"""
import logging
import os
import re
import shutil
import tempfile
import uuid

import pytest
from cassandra.cluster import Cluster

from sibyl_node import SibylNode

logging.getLogger("cassandra").setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def sibyl_node():
    """The SibylNode handle (pid, ports, data dir); None when SIBYL_PORT is given."""
    if os.environ.get("SIBYL_PORT"):
        yield None
        return
    node = SibylNode()
    node.start()
    try:
        yield node
    finally:
        node.stop()


@pytest.fixture(scope="session")
def sibyl(sibyl_node):
    """(host, port) of the CQL endpoint."""
    if sibyl_node is None:
        yield os.environ.get("SIBYL_HOST", "127.0.0.1"), int(os.environ["SIBYL_PORT"])
    else:
        yield sibyl_node.host, sibyl_node.port


def new_cluster(sibyl, **kwargs):
    """A driver Cluster with default settings: no protocol_version, so the driver
    starts at its highest version and must be downgraded to v4 by the server."""
    host, port = sibyl
    return Cluster(contact_points=[host], port=port, **kwargs)


def unique_keyspace(prefix):
    return ("%s_%s" % (re.sub(r"[^a-z0-9_]", "_", prefix.lower()), uuid.uuid4().hex[:8]))[:48]


@pytest.fixture(scope="module")
def cql(sibyl, request):
    """A driver Session whose current keyspace is fresh for this test module
    (SimpleStrategy, replication_factor 1); the keyspace is dropped afterwards."""
    cluster = new_cluster(sibyl)
    session = cluster.connect()
    ks = unique_keyspace("it_" + request.module.__name__.replace("test_", ""))
    session.execute("CREATE KEYSPACE %s WITH replication = "
                    "{'class': 'SimpleStrategy', 'replication_factor': 1}" % ks)
    session.set_keyspace(ks)
    try:
        yield session
    finally:
        try:
            session.execute("DROP KEYSPACE IF EXISTS %s" % ks)
        finally:
            cluster.shutdown()


@pytest.fixture
def data_dir(request):
    """A fresh data directory for tests that start their own nodes; kept when SIBYL_KEEP_DATA is set."""
    d = tempfile.mkdtemp(prefix="sibyl-it-%s-" % request.module.__name__.replace("test_", ""))
    try:
        yield d
    finally:
        if not os.environ.get("SIBYL_KEEP_DATA"):
            shutil.rmtree(d, ignore_errors=True)
