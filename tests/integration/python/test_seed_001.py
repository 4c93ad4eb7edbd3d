"""Seed 001: the tutorial scenario on my_keyspace.my_table (key text, value text).

The tutorial connects with cluster.connect('my_keyspace') and runs
insert / select / update / delete. With this driver `?` markers belong to
prepared statements and `%s` to simple statements, so both forms are used.
"""
import pytest
from cassandra.query import SimpleStatement

from conftest import new_cluster

KEYSPACE = "my_keyspace"


@pytest.fixture(scope="module")
def session(sibyl):
    admin = new_cluster(sibyl)
    s = admin.connect()
    s.execute("DROP KEYSPACE IF EXISTS %s" % KEYSPACE)
    s.execute("CREATE KEYSPACE %s WITH replication = "
              "{'class': 'SimpleStrategy', 'replication_factor': 1}" % KEYSPACE)
    s.execute("CREATE TABLE %s.my_table (key text PRIMARY KEY, value text)" % KEYSPACE)
    cluster = new_cluster(sibyl)
    try:
        yield cluster.connect(KEYSPACE)  # as in the tutorial
    finally:
        cluster.shutdown()
        try:
            s.execute("DROP KEYSPACE IF EXISTS %s" % KEYSPACE)
        finally:
            admin.shutdown()


@pytest.fixture(autouse=True)
def empty_table(session):
    session.execute("TRUNCATE my_table")


def all_rows(session):
    rs = session.execute("SELECT * FROM my_table")
    assert rs.column_names == ["key", "value"]
    return sorted((r.key, r.value) for r in rs)


def test_connect_to_keyspace(session):
    assert session.keyspace == KEYSPACE
    assert all_rows(session) == []


def test_prepared_insert_select_update_delete(session):
    insert = session.prepare("INSERT INTO my_table (key, value) VALUES (?, ?)")
    session.execute(insert, ["key1", "value1"])
    assert all_rows(session) == [("key1", "value1")]

    row = session.execute("SELECT * FROM my_table").one()
    assert row.key == "key1" and row.value == "value1"

    update = session.prepare("UPDATE my_table SET value = ? WHERE key = ?")
    session.execute(update, ["new_value", "key1"])
    assert all_rows(session) == [("key1", "new_value")]

    delete = session.prepare("DELETE FROM my_table WHERE key = ?")
    session.execute(delete, ["key1"])
    assert all_rows(session) == []


def test_simple_statements_with_percent_s(session):
    session.execute("INSERT INTO my_table (key, value) VALUES (%s, %s)", ["key1", "value1"])
    session.execute("INSERT INTO my_table (key, value) VALUES (%s, %s)", ("key2", "it's quoted"))
    assert all_rows(session) == [("key1", "value1"), ("key2", "it's quoted")]

    one = session.execute("SELECT value FROM my_table WHERE key = %s", ["key2"]).one()
    assert one.value == "it's quoted"

    session.execute("UPDATE my_table SET value = %s WHERE key = %s", ["new_value", "key1"])
    assert all_rows(session) == [("key1", "new_value"), ("key2", "it's quoted")]

    session.execute(SimpleStatement("DELETE FROM my_table WHERE key = %s"), ["key1"])
    assert all_rows(session) == [("key2", "it's quoted")]
    assert session.execute("SELECT * FROM my_table WHERE key = %s", ["key1"]).one() is None


def test_insert_is_an_upsert_and_missing_key_reads_nothing(session):
    insert = session.prepare("INSERT INTO my_table (key, value) VALUES (?, ?)")
    session.execute(insert, ["key1", "value1"])
    session.execute(insert, ["key1", "value2"])
    assert all_rows(session) == [("key1", "value2")]
    select = session.prepare("SELECT key, value FROM my_table WHERE key = ?")
    assert session.execute(select, ["key1"]).one().value == "value2"
    assert session.execute(select, ["nope"]).one() is None
    # Deleting a key that does not exist is not an error.
    session.execute("DELETE FROM my_table WHERE key = 'nope'")
    assert all_rows(session) == [("key1", "value2")]
