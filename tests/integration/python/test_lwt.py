"""Lightweight transactions through Paxos, driven by the Python driver: the seed scenario of
../shared/seeds/002 (a plain INSERT overwrites, INSERT ... IF NOT EXISTS refuses, UPDATE ... IF name = ...
applies), and racing compare-and-set increments that never lose or double-apply an update."""
import threading

import pytest
from cassandra import InvalidRequest

from conftest import new_cluster


@pytest.fixture(scope="module")
def table(cql):
    cql.execute("CREATE TABLE test_table_ex_1 (id text PRIMARY KEY, name text, descript text)")
    return cql


def test_seed_scenario(table):
    s = table
    s.execute("INSERT INTO test_table_ex_1 (id, name, descript) VALUES ('id_1', 'name_1', 'test_data')")
    # A plain INSERT silently overwrites.
    s.execute("INSERT INTO test_table_ex_1 (id, name, descript) VALUES ('id_1', 'name_1', 'test_data_2')")
    assert s.execute("SELECT descript FROM test_table_ex_1 WHERE id = 'id_1'").one().descript == "test_data_2"
    # IF NOT EXISTS refuses and shows the row that is there.
    r = s.execute("INSERT INTO test_table_ex_1 (id, name, descript) VALUES ('id_1', 'name_1', 'test_data_3') IF NOT EXISTS").one()
    assert r[0] is False
    assert (r.id, r.name, r.descript) == ("id_1", "name_1", "test_data_2")
    # A conditional UPDATE applies when the condition holds...
    r = s.execute("UPDATE test_table_ex_1 SET descript='test_data_3' WHERE id = 'id_1' IF name = 'name_1'").one()
    assert list(r) == [True]
    assert s.execute("SELECT descript FROM test_table_ex_1 WHERE id = 'id_1'").one().descript == "test_data_3"
    # ... and reports the current value when it does not.
    r = s.execute("UPDATE test_table_ex_1 SET descript='x' WHERE id = 'id_1' IF name = 'other'").one()
    assert r[0] is False and r.name == "name_1"
    # IF NOT EXISTS on a new key applies; IF EXISTS on a missing one does not.
    assert s.execute("INSERT INTO test_table_ex_1 (id, name) VALUES ('id_2', 'n') IF NOT EXISTS").one()[0] is True
    assert s.execute("DELETE FROM test_table_ex_1 WHERE id = 'nope' IF EXISTS").one()[0] is False
    assert s.execute("DELETE FROM test_table_ex_1 WHERE id = 'id_2' IF EXISTS").one()[0] is True
    assert s.execute("SELECT * FROM test_table_ex_1 WHERE id = 'id_2'").one() is None


def test_conditions_and_errors(table):
    s = table
    s.execute("CREATE TABLE counters_cas (k int PRIMARY KEY, v int)")
    s.execute("INSERT INTO counters_cas (k, v) VALUES (1, 5)")
    assert s.execute("UPDATE counters_cas SET v = 6 WHERE k = 1 IF v > 4").one()[0] is True
    assert s.execute("UPDATE counters_cas SET v = 7 WHERE k = 1 IF v IN (1, 2)").one()[0] is False
    assert s.execute("UPDATE counters_cas SET v = 8 WHERE k = 1 IF v != 6").one()[0] is False
    with pytest.raises(InvalidRequest, match="custom timestamp"):
        s.execute("UPDATE counters_cas USING TIMESTAMP 5 SET v = 1 WHERE k = 1 IF v = 6")
    with pytest.raises(InvalidRequest, match="IN on the partition key"):
        s.execute("UPDATE counters_cas SET v = 1 WHERE k IN (1, 2) IF v = 6")


def test_racing_increments_never_lose_or_duplicate(table, sibyl):
    s = table
    s.execute("CREATE TABLE race (id int PRIMARY KEY, v int)")
    s.execute("INSERT INTO race (id, v) VALUES (1, 0)")
    cluster = new_cluster(sibyl)
    successes = []
    errors = []

    def worker():
        try:
            session = cluster.connect(s.keyspace)
            done = 0
            while done < 25:
                current = session.execute("SELECT v FROM race WHERE id = 1").one().v
                if session.execute("UPDATE race SET v = %s WHERE id = 1 IF v = %s", [current + 1, current]).one()[0]:
                    done += 1
            successes.append(done)
        except Exception as e:  # reported below, the test must see every failure
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    cluster.shutdown()
    assert not errors, errors
    assert sum(successes) == 150
    assert s.execute("SELECT v FROM race WHERE id = 1").one().v == 150


def test_conditional_batch_on_one_partition(table):
    s = table
    s.execute("CREATE TABLE accounts (owner text, name text, balance int, PRIMARY KEY (owner, name))")
    s.execute("INSERT INTO accounts (owner, name, balance) VALUES ('ann', 'checking', 100)")
    s.execute("INSERT INTO accounts (owner, name, balance) VALUES ('ann', 'savings', 0)")
    move = ("BEGIN BATCH "
            "UPDATE accounts SET balance = 60 WHERE owner = 'ann' AND name = 'checking' IF balance = 100 "
            "UPDATE accounts SET balance = 40 WHERE owner = 'ann' AND name = 'savings' IF balance = 0 "
            "APPLY BATCH")
    assert s.execute(move).one()[0] is True
    # The same transfer again: its conditions no longer hold, nothing changes.
    assert s.execute(move).one()[0] is False
    balances = {r.name: r.balance for r in s.execute("SELECT name, balance FROM accounts WHERE owner = 'ann'")}
    assert balances == {"checking": 60, "savings": 40}
    with pytest.raises(InvalidRequest, match="multiple partitions"):
        s.execute("BEGIN BATCH "
                  "UPDATE accounts SET balance = 1 WHERE owner = 'ann' AND name = 'checking' IF balance = 60 "
                  "UPDATE accounts SET balance = 1 WHERE owner = 'bob' AND name = 'checking' "
                  "APPLY BATCH")
