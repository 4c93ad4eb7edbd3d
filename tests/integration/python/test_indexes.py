"""Secondary indexes and storage-attached indexes against a real node, with the Python driver.

* The seeds' indexed query (`location = 'seoul'`, seeds 002 and 003) is answered through the index, without
  ALLOW FILTERING, follows overwrites and deletions, and pages in token order.
* Collection indexes: values (CONTAINS), keys (CONTAINS KEY) and entries (m[k] = v).
* An index built over existing data answers at once; the index metadata is in system_schema.indexes and in
  the driver's metadata; DROP INDEX makes the query need ALLOW FILTERING again.
* Indexes and their data survive a restart (SIGTERM and SIGKILL), and a query keeps using them.
* CREATE CUSTOM INDEX ... USING 'StorageAttachedIndex' (and 'sai') combines restrictions and ranges without
  ALLOW FILTERING.
"""
import shutil
import tempfile

import pytest
from cassandra import InvalidRequest
from cassandra.query import SimpleStatement

from conftest import new_cluster
from sibyl_node import SibylNode

ALLOW_FILTERING = "ALLOW FILTERING"


def ids(rows):
    return sorted(r.id for r in rows)


def test_seed_location_index(cql):
    cql.execute("CREATE TABLE test_user (id text PRIMARY KEY, location text, name text)")
    with pytest.raises(InvalidRequest, match=ALLOW_FILTERING):
        cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")
    cql.execute("CREATE INDEX ON test_user (location)")
    for i, n, loc in [("test_id_1", "duron", "seoul"), ("test_id_2", "frank", "busan"), ("test_id_3", "jack", "seoul")]:
        cql.execute("INSERT INTO test_user (id, name, location) VALUES (%s, %s, %s)", (i, n, loc))
    assert ids(cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")) == ["test_id_1", "test_id_3"]
    # Another restriction on an unindexed column still needs ALLOW FILTERING.
    with pytest.raises(InvalidRequest, match=ALLOW_FILTERING):
        cql.execute("SELECT * FROM test_user WHERE location = 'seoul' AND name = 'jack'")
    assert ids(cql.execute("SELECT * FROM test_user WHERE location = 'seoul' AND name = 'jack' ALLOW FILTERING")) == ["test_id_3"]
    # Overwrites and deletions: stale entries are never returned.
    cql.execute("UPDATE test_user SET location = 'busan' WHERE id = 'test_id_3'")
    assert ids(cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")) == ["test_id_1"]
    assert ids(cql.execute("SELECT * FROM test_user WHERE location = 'busan'")) == ["test_id_2", "test_id_3"]
    cql.execute("DELETE FROM test_user WHERE id = 'test_id_1'")
    assert list(cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")) == []
    assert [r.count for r in cql.execute("SELECT count(*) FROM test_user WHERE location = 'busan'")] == [2]
    # The default name, in system_schema.indexes as Cassandra lists it.
    rows = list(cql.execute("SELECT * FROM system_schema.indexes WHERE keyspace_name = %s AND table_name = 'test_user'", (cql.keyspace,)))
    assert [(r.index_name, r.kind, dict(r.options)) for r in rows] == [("test_user_location_idx", "COMPOSITES", {"target": "location"})]
    cql.execute("DROP INDEX test_user_location_idx")
    with pytest.raises(InvalidRequest, match=ALLOW_FILTERING):
        cql.execute("SELECT * FROM test_user WHERE location = 'busan'")


def test_index_paging_in_token_order(cql):
    cql.execute("CREATE TABLE paged (id int PRIMARY KEY, v int)")
    cql.execute("CREATE INDEX ON paged (v)")
    for i in range(50):
        cql.execute("INSERT INTO paged (id, v) VALUES (%s, %s)", (i, i % 2))
    unpaged = [r.id for r in cql.execute(SimpleStatement("SELECT id, token(id) FROM paged WHERE v = 1", fetch_size=1000))]
    paged = [r.id for r in cql.execute(SimpleStatement("SELECT id, token(id) FROM paged WHERE v = 1", fetch_size=7))]
    assert paged == unpaged and sorted(paged) == list(range(1, 50, 2))
    tokens = [r[1] for r in cql.execute("SELECT id, token(id) FROM paged WHERE v = 1")]
    assert tokens == sorted(tokens)
    assert len(list(cql.execute("SELECT id FROM paged WHERE v = 0 LIMIT 5"))) == 5


def test_collection_indexes(cql):
    cql.execute("CREATE TABLE coll (id int PRIMARY KEY, tags set<text>, m map<text, int>, f frozen<list<int>>)")
    cql.execute("CREATE INDEX ON coll (tags)")
    cql.execute("CREATE INDEX ON coll (keys(m))")
    cql.execute("CREATE INDEX mvals ON coll (values(m))")
    cql.execute("CREATE INDEX ments ON coll (entries(m))")
    cql.execute("CREATE INDEX ON coll (full(f))")
    cql.execute("INSERT INTO coll (id, tags, m, f) VALUES (1, {'a', 'b'}, {'x': 1, 'y': 2}, [1, 2])")
    cql.execute("INSERT INTO coll (id, tags, m, f) VALUES (2, {'b'}, {'y': 1}, [3])")
    assert ids(cql.execute("SELECT * FROM coll WHERE tags CONTAINS 'b'")) == [1, 2]
    assert ids(cql.execute("SELECT * FROM coll WHERE tags CONTAINS 'a'")) == [1]
    assert ids(cql.execute("SELECT * FROM coll WHERE m CONTAINS KEY 'y'")) == [1, 2]
    assert ids(cql.execute("SELECT * FROM coll WHERE m CONTAINS 1")) == [1, 2]
    assert ids(cql.execute("SELECT * FROM coll WHERE m['y'] = 1")) == [2]
    assert ids(cql.execute("SELECT * FROM coll WHERE f = [1, 2]")) == [1]
    cql.execute("UPDATE coll SET m = {'z': 9} WHERE id = 2")
    assert ids(cql.execute("SELECT * FROM coll WHERE m['y'] = 1")) == []
    targets = {r.index_name: r.options["target"] for r in
               cql.execute("SELECT * FROM system_schema.indexes WHERE keyspace_name = %s AND table_name = 'coll'", (cql.keyspace,))}
    assert targets == {"coll_tags_idx": "values(tags)", "coll_m_idx": "keys(m)", "mvals": "values(m)",
                       "ments": "entries(m)", "coll_f_idx": "full(f)"}
    with pytest.raises(InvalidRequest, match="Cannot create keys\\(\\) index on frozen column f"):
        cql.execute("CREATE INDEX ON coll (keys(f))")
    with pytest.raises(InvalidRequest, match="Cannot create secondary index on the only partition key column id"):
        cql.execute("CREATE INDEX ON coll (id)")
    with pytest.raises(InvalidRequest, match="is a duplicate of existing index coll_tags_idx"):
        cql.execute("CREATE INDEX other ON coll (tags)")


def test_index_built_over_existing_data_and_driver_metadata(cql):
    cql.execute("CREATE TABLE existing (p int, c int, v text, PRIMARY KEY (p, c))")
    for p in range(20):
        for c in range(3):
            cql.execute("INSERT INTO existing (p, c, v) VALUES (%s, %s, %s)", (p, c, "even" if (p + c) % 2 == 0 else "odd"))
    cql.execute("CREATE INDEX existing_v ON existing (v)")
    rows = list(cql.execute("SELECT p, c FROM existing WHERE v = 'even'"))
    assert sorted((r.p, r.c) for r in rows) == sorted((p, c) for p in range(20) for c in range(3) if (p + c) % 2 == 0)
    cluster = cql.cluster
    cluster.refresh_table_metadata(cql.keyspace, "existing")
    index = cluster.metadata.keyspaces[cql.keyspace].tables["existing"].indexes["existing_v"]
    assert index.kind == "COMPOSITES" and index.index_options["target"] == "v"
    cql.execute("TRUNCATE existing")
    assert list(cql.execute("SELECT p FROM existing WHERE v = 'even'")) == []


def test_storage_attached_index(cql):
    cql.execute("CREATE TABLE sai (id int PRIMARY KEY, age int, city text)")
    cql.execute("CREATE CUSTOM INDEX ON sai (age) USING 'StorageAttachedIndex'")
    cql.execute("CREATE INDEX ON sai (city) USING 'sai'")
    for i in range(30):
        cql.execute("INSERT INTO sai (id, age, city) VALUES (%s, %s, %s)", (i, i, "seoul" if i % 3 == 0 else "busan"))
    assert ids(cql.execute("SELECT * FROM sai WHERE age >= 25")) == list(range(25, 30))
    assert ids(cql.execute("SELECT * FROM sai WHERE age > 10 AND age < 20 AND city = 'seoul'")) == [12, 15, 18]
    assert ids(cql.execute("SELECT * FROM sai WHERE age = 7")) == [7]
    options = {r.index_name: dict(r.options) for r in
               cql.execute("SELECT * FROM system_schema.indexes WHERE keyspace_name = %s AND table_name = 'sai'", (cql.keyspace,))}
    assert options["sai_age_idx"] == {"class_name": "org.apache.cassandra.index.sai.StorageAttachedIndex", "target": "age"}


def test_indexes_survive_restart():
    data_dir = tempfile.mkdtemp(prefix="sibyl-indexes-")
    node = SibylNode(data_dir=data_dir)
    try:
        node.start()
        cluster = new_cluster((node.host, node.port))
        session = cluster.connect()
        session.execute("CREATE KEYSPACE ks WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
        session.execute("CREATE TABLE ks.t (id int PRIMARY KEY, location text)")
        session.execute("CREATE INDEX t_loc ON ks.t (location)")
        for i in range(10):
            session.execute("INSERT INTO ks.t (id, location) VALUES (%s, %s)", (i, "seoul" if i < 4 else "busan"))
        cluster.shutdown()
        node.terminate()
        node.start()
        cluster = new_cluster((node.host, node.port))
        session = cluster.connect()
        assert ids(session.execute("SELECT * FROM ks.t WHERE location = 'seoul'")) == [0, 1, 2, 3]
        session.execute("INSERT INTO ks.t (id, location) VALUES (20, 'seoul')")
        cluster.shutdown()
        node.kill()
        node.start()
        cluster = new_cluster((node.host, node.port))
        session = cluster.connect()
        assert ids(session.execute("SELECT * FROM ks.t WHERE location = 'seoul'")) == [0, 1, 2, 3, 20]
        assert [r.index_name for r in session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = 'ks'")] == ["t_loc"]
        session.execute("DROP TABLE ks.t")
        assert list(session.execute("SELECT index_name FROM system_schema.indexes WHERE keyspace_name = 'ks'")) == []
        cluster.shutdown()
    finally:
        node.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
