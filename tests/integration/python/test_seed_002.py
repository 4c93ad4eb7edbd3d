"""Seed 002: "A look at Apache Cassandra, part 3" — every statement of the article, through the driver.

The article writes `set`, `list` and `map` without element types and a `test_paging_3` table whose CREATE
does not parse; Cassandra refuses those exactly as written (SyntaxException), so the tests run them as
written and then with the types and primary key the article's inserts imply. Results are Cassandra's.
"""
import pytest
from cassandra import InvalidRequest
from cassandra.protocol import SyntaxException

FILTERING = ("Cannot execute this query as it might involve data filtering and thus may have unpredictable "
             "performance. If you want to execute this query despite the performance unpredictability, "
             "use ALLOW FILTERING")
NAMES = ["aron", "baker", "chris", "dave", "elen", "frank", "gina", "hank", "zena"]


def rows(result):
    return [tuple(r) for r in result]


# --- (1) lightweight transactions ---------------------------------------------------------------------

def test_insert_overwrites_then_if_not_exists_refuses(cql):
    cql.execute("CREATE TABLE test_table_ex_1 ( id text PRIMARY KEY, name text, descript text )")
    cql.execute("INSERT INTO test_table_ex_1 (id, name , descript ) VALUES ( 'id_1', 'name_1', 'test_data')")
    assert rows(cql.execute("SELECT * FROM test_table_ex_1")) == [("id_1", "test_data", "name_1")]
    # A plain INSERT of an existing key silently overwrites it.
    cql.execute("INSERT INTO test_table_ex_1 (id, name , descript ) VALUES ( 'id_1', 'name_1', 'test_data_2')")
    assert rows(cql.execute("SELECT * FROM test_table_ex_1")) == [("id_1", "test_data_2", "name_1")]
    # IF NOT EXISTS refuses and shows the row that exists.
    r = cql.execute("INSERT INTO test_table_ex_1 (id, name , descript ) VALUES ( 'id_1', 'name_1', 'test_data_3') "
                    "IF NOT EXISTS").one()
    assert (r[0], r.id, r.descript, r.name) == (False, "id_1", "test_data_2", "name_1")
    r = cql.execute("UPDATE test_table_ex_1 SET descript='test_data_3' WHERE id = 'id_1' IF name = 'name_1'").one()
    assert r[0] is True
    assert rows(cql.execute("SELECT * FROM test_table_ex_1")) == [("id_1", "test_data_3", "name_1")]
    r = cql.execute("UPDATE test_table_ex_1 SET descript='x' WHERE id = 'id_1' IF name = 'name_2'").one()
    assert (r[0], r.name) == (False, "name_1")


# --- (4) collections ------------------------------------------------------------------------------------

def test_untyped_collections_are_refused(cql):
    # `set` is a reserved word; `list` and `map` are not, so Cassandra reads them as user type names.
    with pytest.raises(SyntaxException):
        cql.execute("CREATE TABLE test_table_bad_set (name text PRIMARY KEY , data set)")
    for kind in ["list", "map"]:
        with pytest.raises(InvalidRequest) as e:
            cql.execute("CREATE TABLE test_table_bad_%s (name text PRIMARY KEY , data %s)" % (kind, kind))
        assert "Unknown type %s.%s" % (cql.keyspace, kind) in str(e.value)


def test_set_keeps_each_element_once(cql):
    cql.execute("CREATE TABLE test_table_set (name text PRIMARY KEY , data set<text>)")
    cql.execute("INSERT INTO test_table_set (name, data ) VALUES ( 'eom', {'1', '1', '1'} )")
    assert rows(cql.execute("SELECT * FROM test_table_set")) == [("eom", {"1"})]


def test_list_keeps_duplicates_in_order(cql):
    cql.execute("CREATE TABLE test_table_list (name text PRIMARY KEY , data list<text>)")
    cql.execute("INSERT INTO test_table_list (name, data ) VALUES ( 'eom', ['1', '1', '1'])")
    assert rows(cql.execute("SELECT * FROM test_table_list")) == [("eom", ["1", "1", "1"])]


def test_map_keeps_one_value_per_key(cql):
    cql.execute("CREATE TABLE test_table_map (name text PRIMARY KEY , data map<text, text>)")
    cql.execute("INSERT INTO test_table_map (name, data ) VALUES ( 'eom', {'1':'sejin', '1':'sejin', '2':'duron'})")
    assert rows(cql.execute("SELECT * FROM test_table_map")) == [("eom", {"1": "sejin", "2": "duron"})]


# --- time series ----------------------------------------------------------------------------------------

TS = [(1455194927, '{ "userNumber" : 100, "serverStatus" : "STABLE" }'),
      (1455195227, '{ "userNumber" : 105, "serverStatus" : "STABLE" }'),
      (1455195527, '{ "userNumber" : 100, "serverStatus" : "STABLE" }'),
      (1455195827, '{ "userNumber" : 95, "serverStatus" : "STABLE" }')]


def test_time_series_in_one_partition(cql):
    cql.execute("CREATE TABLE test_ts ( serverId TEXT, timestamp INT, data TEXT, PRIMARY KEY ( serverId, timestamp ) )")
    for ts, data in reversed(TS):
        cql.execute("INSERT INTO test_ts ( serverId, timestamp, data ) VALUES ( 'server_1', %s, %s )", (ts, data))
    assert rows(cql.execute("SELECT * FROM test_ts")) == [("server_1", ts, d) for ts, d in TS]


def test_time_series_bucketed(cql):
    cql.execute("CREATE TABLE test_ts_2 ( serverId TEXT, timeboundery INT, timestamp INT, data TEXT, "
                "PRIMARY KEY( (serverId, timeboundery), timestamp ) )")
    bucket = {1455194927: 1455192000, 1455195227: 1455192000, 1455195527: 1455192000, 1455195827: 1455195600}
    for ts, data in TS:
        cql.execute("INSERT INTO test_ts_2 ( serverId, timeboundery, timestamp, data ) VALUES ( 'server_1', %s, %s, %s )",
                    (bucket[ts], ts, data))
    assert sorted(rows(cql.execute("SELECT * FROM test_ts_2"))) == sorted(("server_1", bucket[ts], ts, d) for ts, d in TS)
    got = rows(cql.execute("SELECT * FROM test_ts_2 WHERE serverId='server_1' AND timeboundery = 1455192000"))
    assert got == [("server_1", 1455192000, ts, d) for ts, d in TS[:3]]
    got = rows(cql.execute("SELECT * FROM test_ts_2 WHERE serverId='server_1' AND timeboundery = 1455192000 "
                           "AND timestamp < 1455195000"))
    assert got == [("server_1", 1455192000, TS[0][0], TS[0][1])]
    prepared = cql.prepare("SELECT timestamp FROM test_ts_2 WHERE serverId = ? AND timeboundery = ? AND timestamp < ?")
    assert [r.timestamp for r in cql.execute(prepared, ("server_1", 1455192000, 1455195600))] == [1455194927, 1455195227, 1455195527]


# --- denormalisation ---------------------------------------------------------------------------------------

def test_denormalized_tables(cql):
    cql.execute("CREATE TABLE test_worker ( name TEXT PRIMARY KEY , job TEXT )")
    cql.execute("CREATE TABLE test_job ( job TEXT PRIMARY KEY , name TEXT )")
    cql.execute("BEGIN BATCH INSERT INTO test_worker (name, job) VALUES ('duron', 'developer'); "
                "INSERT INTO test_job (job, name) VALUES ('developer', 'duron'); APPLY BATCH")
    with pytest.raises(InvalidRequest) as e:
        cql.execute("SELECT name FROM test_worker WHERE job = 'developer'")
    assert FILTERING in str(e.value)
    assert rows(cql.execute("SELECT name FROM test_job WHERE job = 'developer'")) == [("duron",)]


# --- (3) paging ----------------------------------------------------------------------------------------------

def test_paging_inside_one_partition(cql):
    cql.execute("CREATE TABLE test_paging_1 ( class TEXT , name TEXT, description TEXT, PRIMARY KEY (class, name) )")
    for n in reversed(NAMES):
        cql.execute("INSERT INTO test_paging_1 ( class, name, description ) VALUES ( 'junior', %s, 'developer' )", (n,))
    assert [r.name for r in cql.execute("SELECT * FROM test_paging_1")] == NAMES
    assert [r.name for r in cql.execute("SELECT * FROM test_paging_1 WHERE class = 'junior' LIMIT 5")] == NAMES[:5]
    got = cql.execute("SELECT * FROM test_paging_1 WHERE class = 'junior' AND name < 'elen' LIMIT 5")
    assert [r.name for r in got] == ["aron", "baker", "chris", "dave"]
    got = cql.execute("SELECT * FROM test_paging_1 WHERE class = 'junior' AND name > 'elen' LIMIT 5")
    assert [r.name for r in got] == NAMES[5:]


def test_paging_over_partitions_by_token(cql):
    cql.execute("CREATE TABLE test_paging_2 ( name TEXT, class TEXT ,description TEXT, PRIMARY KEY (name, class) )")
    for n in NAMES:
        cql.execute("INSERT INTO test_paging_2 ( name, class, description ) VALUES ( %s, 'junior', 'developer' )", (n,))
    with pytest.raises(InvalidRequest) as e:
        cql.execute("SELECT * FROM test_paging_2 WHERE name < 'elen' LIMIT 5")
    assert FILTERING in str(e.value)
    elen = cql.execute("SELECT token(name) FROM test_paging_2 WHERE name = 'elen'").one()[0]
    by_token = sorted((cql.execute("SELECT token(name) FROM test_paging_2 WHERE name = %s", (n,)).one()[0], n)
                      for n in NAMES)
    got = cql.execute("SELECT name, token(name) FROM test_paging_2 WHERE token(name) < token('elen') LIMIT 5")
    want = [(t, n) for t, n in by_token if t < elen][:5]
    assert [(r[1], r.name) for r in got] == want
    # Walking the whole table page by page with token() visits every partition once, in token order.
    seen, last = [], None
    while True:
        q = "SELECT name, token(name) FROM test_paging_2" + ("" if last is None else " WHERE token(name) > %d" % last) + " LIMIT 2"
        page = list(cql.execute(q))
        if not page:
            break
        seen += [r.name for r in page]
        last = page[-1][1]
    assert seen == [n for _, n in by_token]


def test_paging_3_as_written_does_not_parse(cql):
    with pytest.raises(SyntaxException):
        cql.execute("CREATE TABLE test_paging_3 ( prefix text, remain text, name text, description text "
                    "PRIMARY KEY ( prefix, body,) )")
    cql.execute("CREATE TABLE test_paging_3 ( prefix text, remain text, name text, class text, description text, "
                "PRIMARY KEY ( prefix, remain ) )")
    for n in NAMES:
        cql.execute("INSERT INTO test_paging_3 ( prefix , remain , name, class, description ) VALUES "
                    "( %s, %s, %s, 'junior', 'developer' )", (n[0], n[1:], n))
    assert sorted(r.name for r in cql.execute("SELECT * FROM test_paging_3")) == NAMES
    assert [r.name for r in cql.execute("SELECT * FROM test_paging_3 WHERE prefix = 'a'")] == ["aron"]


# --- anti-patterns: (2) secondary index, (3) deletes ------------------------------------------------------------

def test_secondary_index_on_location(cql):
    cql.execute("CREATE TABLE test_user ( id TEXT PRIMARY KEY , name TEXT , location TEXT )")
    cql.execute("CREATE INDEX test_user_idx ON test_user (location)")
    for i, n, loc in [("test_id_1", "duron", "seoul"), ("test_id_2", "frank", "busan"), ("test_id_3", "jack", "seoul")]:
        cql.execute("INSERT INTO test_user (id, name, location) VALUES ( %s, %s, %s)", (i, n, loc))
    assert sorted(rows(cql.execute("SELECT * FROM test_user"))) == [
        ("test_id_1", "seoul", "duron"), ("test_id_2", "busan", "frank"), ("test_id_3", "seoul", "jack")]
    assert sorted(r.id for r in cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")) == ["test_id_1", "test_id_3"]
    assert [r.id for r in cql.execute("SELECT * FROM test_user WHERE location = 'busan'")] == ["test_id_2"]
    # Range queries on a (non-SAI) secondary index are filtering.
    with pytest.raises(InvalidRequest):
        cql.execute("SELECT * FROM test_user WHERE location > 'a'")
    cql.execute("UPDATE test_user SET location = 'busan' WHERE id = 'test_id_3'")
    assert [r.id for r in cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")] == ["test_id_1"]
    cql.execute("DELETE FROM test_user WHERE id = 'test_id_1'")
    assert list(cql.execute("SELECT * FROM test_user WHERE location = 'seoul'")) == []


def test_deletes_are_tombstones_with_gc_grace(cql):
    cql.execute("CREATE TABLE test_queue ( q text, seq int, msg text, PRIMARY KEY (q, seq) ) WITH gc_grace_seconds = 3600")
    for i in range(50):
        cql.execute("INSERT INTO test_queue (q, seq, msg) VALUES ('jobs', %s, 'm')", (i,))
    for i in range(45):
        cql.execute("DELETE FROM test_queue WHERE q = 'jobs' AND seq = %s", (i,))
    assert [r.seq for r in cql.execute("SELECT seq FROM test_queue WHERE q = 'jobs'")] == list(range(45, 50))
    ks = cql.keyspace
    grace = cql.execute("SELECT gc_grace_seconds FROM system_schema.tables WHERE keyspace_name = %s "
                        "AND table_name = 'test_queue'", (ks,)).one()[0]
    assert grace == 3600
