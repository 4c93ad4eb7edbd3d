"""Connecting with the Python driver's defaults, and what its metadata sees."""
import time
import uuid

from cassandra import InvalidRequest

from conftest import new_cluster

MURMUR3 = "org.apache.cassandra.dht.Murmur3Partitioner"


def wait_until(predicate, timeout=20.0, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def test_default_connect_negotiates_protocol_v4(sibyl):
    # The driver starts at its highest version (DSE_V2, then v5); the server's
    # "unsupported protocol version" ProtocolError must walk it down to v4.
    cluster = new_cluster(sibyl)
    try:
        session = cluster.connect()
        assert cluster.protocol_version == 4
        row = session.execute("SELECT key FROM system.local").one()
        assert row.key == "local"
    finally:
        cluster.shutdown()


def test_keyspaces_in_driver_metadata(cql):
    keyspaces = cql.cluster.metadata.keyspaces
    assert "system" in keyspaces
    assert "system_schema" in keyspaces
    assert cql.keyspace in keyspaces
    strategy = keyspaces[cql.keyspace].replication_strategy
    assert type(strategy).__name__ == "SimpleStrategy"
    assert strategy.replication_factor == 1
    assert keyspaces[cql.keyspace].durable_writes is True


def test_table_metadata_types_keys_and_clustering_order(cql):
    cql.execute("""
        CREATE TABLE meta_events (
            tenant int, day text, at timeuuid, seq bigint,
            payload text, score double, tags varchar, ok boolean, raw blob,
            PRIMARY KEY ((tenant, day), at, seq)
        ) WITH CLUSTERING ORDER BY (at DESC, seq ASC)""")
    table = cql.cluster.metadata.keyspaces[cql.keyspace].tables["meta_events"]
    assert [c.name for c in table.partition_key] == ["tenant", "day"]
    assert [c.name for c in table.clustering_key] == ["at", "seq"]
    assert [c.is_reversed for c in table.clustering_key] == [True, False]
    types = {name: col.cql_type for name, col in table.columns.items()}
    assert types == {"tenant": "int", "day": "text", "at": "timeuuid", "seq": "bigint",
                     "payload": "text", "score": "double", "tags": "text", "ok": "boolean",
                     "raw": "blob"}
    assert not any(col.is_static for col in table.columns.values())
    ddl = table.export_as_string()
    assert "PRIMARY KEY ((tenant, day), at, seq)" in ddl
    assert "CLUSTERING ORDER BY (at DESC, seq ASC)" in ddl


def test_system_local_row(cql):
    row = cql.execute("SELECT * FROM system.local WHERE key = 'local'").one()
    assert row is not None
    assert row.key == "local"
    assert row.release_version.startswith("4.")
    assert isinstance(row.cluster_name, str) and row.cluster_name
    assert row.partitioner == MURMUR3
    assert isinstance(row.host_id, uuid.UUID)
    assert isinstance(row.schema_version, uuid.UUID)
    assert row.data_center == "datacenter1"
    assert row.rack == "rack1"
    assert row.cql_version.startswith("3.")
    assert str(row.rpc_address) == "127.0.0.1"
    assert row.tokens, "the driver builds its token map from system.local.tokens"
    for t in row.tokens:
        assert -2**63 <= int(t) < 2**63
    # The driver's view of the one host agrees with the table.
    hosts = cql.cluster.metadata.all_hosts()
    assert len(hosts) == 1
    assert hosts[0].host_id == row.host_id
    assert hosts[0].datacenter == "datacenter1"
    assert hosts[0].rack == "rack1"


def test_schema_version_changes_after_create_table(cql):
    before = cql.execute("SELECT schema_version FROM system.local WHERE key = 'local'").one().schema_version
    cql.execute("CREATE TABLE schema_version_probe (k int PRIMARY KEY, v int)")
    after = cql.execute("SELECT schema_version FROM system.local WHERE key = 'local'").one().schema_version
    assert isinstance(after, uuid.UUID)
    assert after != before
    # Pure reads do not change it.
    again = cql.execute("SELECT schema_version FROM system.local WHERE key = 'local'").one().schema_version
    assert again == after


def test_system_peers_is_empty_on_a_single_node(cql):
    assert list(cql.execute("SELECT * FROM system.peers")) == []
    try:
        rows = list(cql.execute("SELECT * FROM system.peers_v2"))
    except InvalidRequest:
        rows = []  # a 3.x-shaped system keyspace without peers_v2 is what the driver tolerates
    assert rows == []


def test_schema_change_events_reach_another_driver(sibyl, cql):
    """A second Cluster never refreshes by hand: only pushed SCHEMA_CHANGE events
    (REGISTERed by its control connection) can make the table appear and vanish."""
    watcher = new_cluster(sibyl, schema_event_refresh_window=0.1)
    try:
        watcher.connect()
        ks = cql.keyspace
        assert "pushed_probe" not in watcher.metadata.keyspaces[ks].tables
        cql.execute("CREATE TABLE pushed_probe (k int PRIMARY KEY, v text)")
        assert wait_until(lambda: "pushed_probe" in watcher.metadata.keyspaces[ks].tables), \
            "CREATE TABLE did not reach the other driver's metadata"
        cols = watcher.metadata.keyspaces[ks].tables["pushed_probe"].columns
        assert {n: c.cql_type for n, c in cols.items()} == {"k": "int", "v": "text"}

        cql.execute("ALTER TABLE pushed_probe ADD extra bigint")
        assert wait_until(lambda: "extra" in watcher.metadata.keyspaces[ks].tables["pushed_probe"].columns), \
            "ALTER TABLE did not reach the other driver's metadata"

        cql.execute("DROP TABLE pushed_probe")
        assert wait_until(lambda: "pushed_probe" not in watcher.metadata.keyspaces[ks].tables), \
            "DROP TABLE did not reach the other driver's metadata"

        other_ks = ks + "_ev"
        cql.execute("CREATE KEYSPACE %s WITH replication = "
                    "{'class': 'SimpleStrategy', 'replication_factor': 1}" % other_ks)
        try:
            assert wait_until(lambda: other_ks in watcher.metadata.keyspaces), \
                "CREATE KEYSPACE did not reach the other driver's metadata"
        finally:
            cql.execute("DROP KEYSPACE %s" % other_ks)
        assert wait_until(lambda: other_ks not in watcher.metadata.keyspaces), \
            "DROP KEYSPACE did not reach the other driver's metadata"
    finally:
        watcher.shutdown()


def test_system_schema_queries_with_columns_where_and_limit(cql):
    ks = cql.keyspace
    cql.execute("CREATE TABLE schema_probe (p int, c1 text, c2 int, v float, "
                "PRIMARY KEY (p, c1, c2)) WITH CLUSTERING ORDER BY (c1 ASC, c2 DESC)")

    rows = cql.execute("SELECT keyspace_name, durable_writes, replication FROM system_schema.keyspaces "
                       "WHERE keyspace_name = %s", [ks]).all()
    assert len(rows) == 1
    assert rows[0].keyspace_name == ks
    assert rows[0].durable_writes is True
    assert dict(rows[0].replication) == {"class": "org.apache.cassandra.locator.SimpleStrategy",
                                         "replication_factor": "1"}

    names = [r.table_name for r in cql.execute(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = %s", [ks])]
    assert "schema_probe" in names
    assert names == sorted(names), "rows of one keyspace come in clustering (table_name) order"

    cols = cql.execute("SELECT column_name, type, kind, position, clustering_order FROM system_schema.columns "
                       "WHERE keyspace_name = %s AND table_name = 'schema_probe'", [ks]).all()
    assert sorted((c.column_name, c.type, c.kind, c.position, c.clustering_order) for c in cols) == [
        ("c1", "text", "clustering", 0, "asc"),
        ("c2", "int", "clustering", 1, "desc"),
        ("p", "int", "partition_key", 0, "none"),
        ("v", "float", "regular", -1, "none"),
    ]

    limited = cql.execute("SELECT keyspace_name FROM system_schema.keyspaces LIMIT 2").all()
    assert len(limited) == 2

    system_schema = cql.execute("SELECT * FROM system_schema.keyspaces "
                                "WHERE keyspace_name = 'system_schema'").one()
    assert system_schema.replication["class"] == "org.apache.cassandra.locator.LocalStrategy"

    system_tables = {r.table_name for r in cql.execute(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'system_schema'")}
    assert {"keyspaces", "tables", "columns", "types", "functions", "aggregates",
            "triggers", "indexes", "views", "dropped_columns"} <= system_tables
    local_tables = {r.table_name for r in cql.execute(
        "SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'system'")}
    assert {"local", "peers"} <= local_tables
