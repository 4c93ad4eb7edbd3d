"""Seed 000: LangChain's CassandraByteStore (langchain_community.storage.cassandra).

The store is reproduced here statement for statement (LangChain itself is not
installed): CREATE TABLE IF NOT EXISTS, a prepared INSERT per key for mset, a
prepared `WHERE row_id IN ?` with one list-valued marker (driver ValueSequence)
for mget and mdelete, and yield_keys = an unfiltered SELECT filtered by prefix
on the client. The statements keep LangChain's spelling, including the double
space after FROM and the trailing semicolons.
"""
import pytest
from cassandra.query import ValueSequence

TABLE = "my_store"


class ByteStore:
    """The CQL traffic of CassandraByteStore(table, session=..., keyspace=...)."""

    def __init__(self, session, keyspace, table):
        self.session = session
        name = "%s.%s" % (keyspace, table)
        session.execute("\n    CREATE TABLE IF NOT EXISTS %s \n"
                        "    (row_id TEXT, body_blob BLOB, PRIMARY KEY (row_id));\n" % name)
        self.select = session.prepare("SELECT row_id, body_blob FROM  %s WHERE row_id IN ?;" % name)
        self.insert = session.prepare("INSERT INTO %s (row_id, body_blob) VALUES (?, ?);" % name)
        self.delete = session.prepare("DELETE FROM %s WHERE row_id IN ?;" % name)
        self.select_all = "SELECT row_id, body_blob FROM  %s;" % name

    def mset(self, pairs):
        for k, v in pairs:
            self.session.execute(self.insert, (k, v))

    def mget(self, keys):
        found = {r.row_id: r.body_blob for r in self.session.execute(self.select, [ValueSequence(keys)])}
        return [found.get(k) for k in keys]

    def mdelete(self, keys):
        self.session.execute(self.delete, [ValueSequence(keys)])

    def yield_keys(self, prefix=None):
        for row in self.session.execute(self.select_all):
            if not prefix or row.row_id.startswith(prefix):
                yield row.row_id


@pytest.fixture
def store(cql):
    cql.execute("DROP TABLE IF EXISTS %s" % TABLE)
    return ByteStore(cql, cql.keyspace, TABLE)


def test_create_is_idempotent(cql, store):
    ByteStore(cql, cql.keyspace, TABLE)  # IF NOT EXISTS: no AlreadyExists
    table = cql.cluster.metadata.keyspaces[cql.keyspace].tables[TABLE]
    assert {n: c.cql_type for n, c in table.columns.items()} == {"row_id": "text", "body_blob": "blob"}
    assert [c.name for c in table.partition_key] == ["row_id"]


def test_docs_example_mset_mget_mdelete(store):
    store.mset([["key1", b"value1"], ["key2", b"value2"]])
    assert store.mget(["key1", "key2"]) == [b"value1", b"value2"]
    store.mdelete(["key1", "key2"])
    assert store.mget(["key1", "key2"]) == [None, None]


def test_mget_missing_keys_and_order(store):
    store.mset([("a", b"\x00\x01"), ("b", b""), ("c", bytes(range(256)) * 40)])
    assert store.mget(["c", "missing", "a", "b"]) == [bytes(range(256)) * 40, None, b"\x00\x01", b""]
    assert store.mget(["missing"]) == [None]


def test_in_query_returns_each_existing_key_once(cql, store):
    store.mset([("k%d" % i, b"v%d" % i) for i in range(5)])
    rows = cql.execute(store.select, [ValueSequence(["k3", "nope", "k1", "k3"])]).all()
    assert sorted((r.row_id, r.body_blob) for r in rows) == [("k1", b"v1"), ("k3", b"v3")]


def test_one_by_one_reads(cql, store):
    store.mset([("x", b"1"), ("y", b"2")])
    one = cql.prepare("SELECT row_id, body_blob FROM %s WHERE row_id = ?" % TABLE)
    assert cql.execute(one, ["x"]).one().body_blob == b"1"
    assert cql.execute(one, ["y"]).one().body_blob == b"2"
    assert cql.execute(one, ["z"]).one() is None
    assert cql.execute(one, ["z"]).all() == []


def test_mset_overwrites(store):
    store.mset([("k", b"old")])
    store.mset([("k", b"new")])
    assert store.mget(["k"]) == [b"new"]


def test_mdelete_only_named_keys(store):
    store.mset([("keep", b"1"), ("drop1", b"2"), ("drop2", b"3")])
    store.mdelete(["drop1", "drop2", "never-existed"])
    assert store.mget(["keep", "drop1", "drop2"]) == [b"1", None, None]
    assert list(store.yield_keys()) == ["keep"]


def test_yield_keys_with_prefix(store):
    keys = ["user:1", "user:2", "user:10", "session:1", "userx", "u"]
    store.mset([(k, k.encode()) for k in keys])
    assert sorted(store.yield_keys()) == sorted(keys)
    assert sorted(store.yield_keys(prefix="user:")) == ["user:1", "user:10", "user:2"]
    assert sorted(store.yield_keys(prefix="user")) == ["user:1", "user:10", "user:2", "userx"]
    assert list(store.yield_keys(prefix="nothing")) == []
    store.mdelete(["user:1"])
    assert sorted(store.yield_keys(prefix="user:")) == ["user:10", "user:2"]
