"""Non-frozen collections and UDTs: one cell per element, as Cassandra stores them.

Seed 002's collection scenario (set, list and map with duplicates), element operations (append, prepend,
set by index, removal, map put/remove, UDT fields, TTL per element), lightweight transactions on elements,
and everything read back the same after a flush (memtable and SSTable merged) and a node restart.
"""
import os
import signal

import pytest
from cassandra import InvalidRequest

from conftest import new_cluster
from sibyl_node import SibylNode, run_sibyl


def rows(result):
    return [tuple(r) for r in result]


def write_seed_and_operations(s):
    s.execute("CREATE KEYSPACE test_keyspace WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}")
    s.execute("CREATE TABLE test_keyspace.test_table_set (name text PRIMARY KEY , data set<text>)")
    s.execute("INSERT INTO test_keyspace.test_table_set (name, data ) VALUES ( 'eom', {'1', '1', '1'} )")
    s.execute("CREATE TABLE test_keyspace.test_table_list (name text PRIMARY KEY , data list<text>)")
    s.execute("INSERT INTO test_keyspace.test_table_list (name, data ) VALUES ( 'eom', ['1', '1', '1'])")
    s.execute("CREATE TABLE test_keyspace.test_table_map (name text PRIMARY KEY , data map<text, text>)")
    s.execute("INSERT INTO test_keyspace.test_table_map (name, data ) VALUES ( 'eom', {'1':'sejin', '1':'sejin', '2':'duron'})")

    s.execute("CREATE TYPE test_keyspace.addr (street text, zip int)")
    s.execute("CREATE TABLE test_keyspace.ops (k int, c int, s set<int>, l list<text>, m map<text, int>, u addr,"
              " st list<int> static, PRIMARY KEY (k, c))")
    s.execute("INSERT INTO test_keyspace.ops (k, c, s, l, m, u) VALUES (1, 1, {3, 1}, ['b'], {'x': 1}, {street: 'Main', zip: 5})")
    s.execute("UPDATE test_keyspace.ops SET s = s + {2}, l = l + ['c'], m['y'] = 2, u.zip = 7, st = st + [1] WHERE k = 1 AND c = 1")
    s.execute("UPDATE test_keyspace.ops SET l = ['a'] + l WHERE k = 1 AND c = 1")


def check_seed_and_operations(s, after_flush_ops=False):
    assert rows(s.execute("SELECT * FROM test_keyspace.test_table_set")) == [("eom", {"1"})]
    assert rows(s.execute("SELECT * FROM test_keyspace.test_table_list")) == [("eom", ["1", "1", "1"])]
    assert rows(s.execute("SELECT * FROM test_keyspace.test_table_map")) == [("eom", {"1": "sejin", "2": "duron"})]
    r = s.execute("SELECT s, l, m, u, st FROM test_keyspace.ops WHERE k = 1 AND c = 1").one()
    if not after_flush_ops:
        assert (sorted(r.s), r.l, dict(r.m), (r.u.street, r.u.zip), r.st) == \
            ([1, 2, 3], ["a", "b", "c"], {"x": 1, "y": 2}, ("Main", 7), [1])
    else:
        assert (sorted(r.s), r.l, dict(r.m), (r.u.street, r.u.zip), r.st) == \
            ([9], ["a", "z", "c", "d"], {"y": 2}, (None, 7), [1, 2])


def operations_after_flush(s):
    # Each one shadows or edits elements that now live in an SSTable.
    s.execute("UPDATE test_keyspace.ops SET s = {9}, l[1] = 'z', m = m - {'x'}, st = st + [2] WHERE k = 1 AND c = 1")
    s.execute("UPDATE test_keyspace.ops SET l = l + ['d'] WHERE k = 1 AND c = 1")
    s.execute("DELETE u.street FROM test_keyspace.ops WHERE k = 1 AND c = 1")


def test_seed_collections_and_element_operations_survive_flush_and_restart(data_dir):
    node = SibylNode(data_dir=data_dir)
    node.start()
    try:
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        write_seed_and_operations(s)
        check_seed_and_operations(s)
        flushed = run_sibyl(["nodetool", "-p", str(node.admin_port), "flush"])
        assert flushed.returncode == 0, flushed.stderr
        check_seed_and_operations(s)
        operations_after_flush(s)
        check_seed_and_operations(s, after_flush_ops=True)
        cluster.shutdown()
        # SIGKILL: the later operations (complex deletions included) must come back from the commit log.
        os.killpg(node.proc.pid, signal.SIGKILL)
        node.proc.wait(10)
        node.stop()

        node = SibylNode(data_dir=data_dir)
        node.start()
        cluster = new_cluster((node.host, node.port))
        s = cluster.connect()
        check_seed_and_operations(s, after_flush_ops=True)  # commit log replayed over the SSTables
        compacted = run_sibyl(["nodetool", "-p", str(node.admin_port), "compact"])
        assert compacted.returncode == 0, compacted.stderr
        check_seed_and_operations(s, after_flush_ops=True)
        cluster.shutdown()
    finally:
        node.stop()


def test_list_operations_by_index_and_removal(cql):
    cql.execute("CREATE TABLE lists (k int PRIMARY KEY, l list<int>)")
    cql.execute("UPDATE lists SET l = l + [1, 2, 3, 2] WHERE k = 1")
    cql.execute("UPDATE lists SET l = [0] + l WHERE k = 1")
    cql.execute("UPDATE lists SET l[1] = 10 WHERE k = 1")
    cql.execute("DELETE l[0] FROM lists WHERE k = 1")
    assert cql.execute("SELECT l FROM lists WHERE k = 1").one().l == [10, 2, 3, 2]
    cql.execute("UPDATE lists SET l = l - [2] WHERE k = 1")
    assert cql.execute("SELECT l FROM lists WHERE k = 1").one().l == [10, 3]
    with pytest.raises(InvalidRequest, match="List index 5 out of bound, list has size 2"):
        cql.execute("UPDATE lists SET l[5] = 1 WHERE k = 1")
    with pytest.raises(InvalidRequest, match="Attempted to set an element on a list which is null"):
        cql.execute("UPDATE lists SET l[0] = 1 WHERE k = 2")
    cql.execute("UPDATE lists SET l = null WHERE k = 1")
    assert rows(cql.execute("SELECT l FROM lists WHERE k = 1")) == []


def test_frozen_misuse_and_element_ttl(cql):
    cql.execute("CREATE TABLE fz (k int PRIMARY KEY, f frozen<list<int>>, s set<int>)")
    with pytest.raises(InvalidRequest, match=r"Invalid operation \(f\[1\] = 2\) for frozen collection column f"):
        cql.execute("UPDATE fz SET f[1] = 2 WHERE k = 1")
    cql.execute("UPDATE fz USING TTL 100 SET s = s + {1} WHERE k = 1")
    cql.execute("UPDATE fz SET s = s + {2} WHERE k = 1")
    assert sorted(cql.execute("SELECT s FROM fz WHERE k = 1").one().s) == [1, 2]
    with pytest.raises(InvalidRequest, match="non-frozen"):
        cql.execute("SELECT ttl(s) FROM fz")


def test_conditions_on_elements_and_fields(cql):
    cql.execute("CREATE TYPE pt (x int, y int)")
    cql.execute("CREATE TABLE lwt (k int PRIMARY KEY, l list<text>, m map<text, int>, p pt)")
    cql.execute("INSERT INTO lwt (k, l, m, p) VALUES (1, ['a', 'b'], {'x': 1}, {x: 1, y: 2})")
    assert cql.execute("UPDATE lwt SET l[0] = 'z' WHERE k = 1 IF l[1] = 'b' AND m['x'] IN (1, 5) AND p.y > 1").one()[0] is True
    r = cql.execute("UPDATE lwt SET m['x'] = 9 WHERE k = 1 IF m['x'] = 2").one()
    assert r[0] is False and dict(r.m) == {"x": 1}
    assert cql.execute("UPDATE lwt SET p.x = 5 WHERE k = 1 IF m['nope'] = null AND l[7] = null").one()[0] is True
    assert cql.execute("UPDATE lwt SET m['w'] = 0 WHERE k = 1 IF l CONTAINS 'b' AND m CONTAINS KEY 'x' AND m CONTAINS 1").one()[0] is True
    assert cql.execute("UPDATE lwt SET m['v'] = 0 WHERE k = 1 IF l CONTAINS 'nope'").one()[0] is False
    r = cql.execute("SELECT l, p, m FROM lwt WHERE k = 1").one()
    assert (r.l, r.p.x, r.p.y, dict(r.m)) == (["z", "b"], 5, 2, {"x": 1, "w": 0})
