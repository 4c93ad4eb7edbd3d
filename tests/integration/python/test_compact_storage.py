"""WITH COMPACT STORAGE tables on a real node, with Cassandra 3.11's semantics.

* Rows of a compact table live only through their values: deleting the last
  value removes the row (a CQL table keeps it through its row marker).
* Dense tables need their value column; ALTER TABLE ... DROP COMPACT STORAGE
  turns one into a CQL table.
* The driver's metadata says WITH COMPACT STORAGE (from system_schema.tables
  flags and columns, as 3.11 shows them), and the flag survives a restart.
* compact_tables_enabled: false refuses the creation with the guardrail's message.

The restart and guardrail tests start their own nodes.
"""
import os

import pytest
from cassandra import InvalidRequest

from conftest import new_cluster
from sibyl_node import SibylNode


def test_rows_disappear_with_their_last_value(cql):
    cql.execute("CREATE TABLE sparse (k int PRIMARY KEY, v1 int, v2 text) WITH COMPACT STORAGE")
    cql.execute("INSERT INTO sparse (k, v1, v2) VALUES (1, 10, 'a')")
    cql.execute("INSERT INTO sparse (k, v1, v2) VALUES (2, 20, 'b')")
    cql.execute("DELETE v1 FROM sparse WHERE k = 1")
    assert list(cql.execute("SELECT k, v1, v2 FROM sparse WHERE k = 1")) == [(1, None, 'a')]
    cql.execute("DELETE v2 FROM sparse WHERE k = 1")
    assert list(cql.execute("SELECT * FROM sparse WHERE k = 1")) == []
    assert sorted(cql.execute("SELECT k FROM sparse")) == [(2,)]

    cql.execute("CREATE TABLE plain (k int PRIMARY KEY, v1 int)")
    cql.execute("INSERT INTO plain (k, v1) VALUES (1, 10)")
    cql.execute("DELETE v1 FROM plain WHERE k = 1")
    assert list(cql.execute("SELECT k, v1 FROM plain WHERE k = 1")) == [(1, None)]


def test_dense_table_rules_and_drop_compact_storage(cql):
    cql.execute("CREATE TABLE dense (k int, c text, v int, PRIMARY KEY (k, c)) WITH COMPACT STORAGE")
    with pytest.raises(InvalidRequest, match="Column v is mandatory for this COMPACT STORAGE table"):
        cql.execute("INSERT INTO dense (k, c) VALUES (1, 'a')")
    with pytest.raises(InvalidRequest, match="Invalid empty or null value for column c"):
        cql.execute("INSERT INTO dense (k, c, v) VALUES (1, '', 1)")
    with pytest.raises(InvalidRequest, match="Cannot add new column to a COMPACT STORAGE table"):
        cql.execute("ALTER TABLE dense ADD w int")
    cql.execute("INSERT INTO dense (k, c, v) VALUES (1, 'a', 1)")
    cql.execute("UPDATE dense SET v = null WHERE k = 1 AND c = 'a'")
    assert list(cql.execute("SELECT * FROM dense WHERE k = 1")) == []

    cql.execute("INSERT INTO dense (k, c, v) VALUES (1, 'b', 2)")
    cql.execute("ALTER TABLE dense DROP COMPACT STORAGE")
    cql.execute("INSERT INTO dense (k, c, v) VALUES (1, 'c', 3)")
    cql.execute("DELETE v FROM dense WHERE k = 1 AND c = 'c'")
    assert list(cql.execute("SELECT c, v FROM dense WHERE k = 1")) == [('b', 2), ('c', None)]
    cql.execute("ALTER TABLE dense ADD w int")
    with pytest.raises(InvalidRequest, match="Cannot DROP COMPACT STORAGE on table without COMPACT STORAGE"):
        cql.execute("ALTER TABLE dense DROP COMPACT STORAGE")


def test_driver_metadata_says_compact_storage(cql):
    cql.execute("CREATE TABLE meta_sparse (k int PRIMARY KEY, v1 int, v2 text) WITH COMPACT STORAGE")
    cql.execute("CREATE TABLE meta_dense (k int, c1 int, c2 int, v blob, PRIMARY KEY (k, c1, c2)) WITH COMPACT STORAGE")
    cql.execute("CREATE TABLE meta_plain (k int PRIMARY KEY, v int)")
    cluster = cql.cluster
    ks = cql.keyspace
    cluster.refresh_schema_metadata()
    tables = cluster.metadata.keyspaces[ks].tables
    sparse, dense, plain = tables["meta_sparse"], tables["meta_dense"], tables["meta_plain"]
    assert sparse.is_compact_storage and dense.is_compact_storage and not plain.is_compact_storage
    # The hidden column1/value of the static compact table stay out of the driver's view.
    assert list(sparse.columns) == ["k", "v1", "v2"]
    assert [c.name for c in dense.clustering_key] == ["c1", "c2"]
    assert "WITH COMPACT STORAGE" in sparse.export_as_string()
    assert "COMPACT STORAGE" in dense.export_as_string()
    assert "COMPACT STORAGE" not in plain.export_as_string()


def _write_config(data_dir, text):
    path = os.path.join(data_dir, "sibyl.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def test_compact_flag_survives_restart(data_dir):
    node = SibylNode(data_dir=data_dir).start()
    try:
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        s.execute("CREATE KEYSPACE cs WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        s.execute("CREATE TABLE cs.t (k int PRIMARY KEY, v int) WITH COMPACT STORAGE")
        s.execute("INSERT INTO cs.t (k, v) VALUES (1, 1)")
        flags = s.execute("SELECT flags FROM system_schema.tables WHERE keyspace_name = 'cs' AND table_name = 't'").one().flags
        cluster.shutdown()
        assert node.terminate() == 0, node.output_tail()
        node.stop()

        node = SibylNode(data_dir=data_dir).start()
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        assert s.execute("SELECT flags FROM system_schema.tables WHERE keyspace_name = 'cs' AND table_name = 't'").one().flags == flags
        assert cluster.metadata.keyspaces["cs"].tables["t"].is_compact_storage
        assert list(s.execute("SELECT k, v FROM cs.t")) == [(1, 1)]
        # Still compact after the restart: no row marker was written, so the row goes with its value.
        s.execute("DELETE v FROM cs.t WHERE k = 1")
        assert list(s.execute("SELECT * FROM cs.t")) == []
        cluster.shutdown()
    finally:
        node.stop()


def test_guardrail_refuses_compact_tables(data_dir):
    config = _write_config(data_dir, "compact_tables_enabled: false\n")
    node = SibylNode(data_dir=data_dir, extra_args=["--config", config]).start()
    try:
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        s.execute("CREATE KEYSPACE g WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        with pytest.raises(InvalidRequest, match="Guardrail compact_tables violated: "
                                                 "Creation of new COMPACT STORAGE tables is not allowed"):
            s.execute("CREATE TABLE g.t (k int PRIMARY KEY, v int) WITH COMPACT STORAGE")
        s.execute("CREATE TABLE g.t (k int PRIMARY KEY, v int)")
        cluster.shutdown()
    finally:
        node.stop()
