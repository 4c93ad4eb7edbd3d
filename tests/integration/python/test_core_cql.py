"""Core CQL behaviour through the Python driver, checked against Cassandra 4.x."""
import datetime
import random
import struct
import uuid
from decimal import Decimal

import pytest
from cassandra import AlreadyExists, InvalidRequest
from cassandra.murmur3 import murmur3
from cassandra.protocol import SyntaxException
from cassandra.query import SimpleStatement
from cassandra.util import Date, Duration, Time

from conftest import new_cluster, unique_keyspace

COLUMNS = ["a", "t", "vc", "i", "bi", "si", "ti", "vi", "de", "f", "d", "b", "bl", "u", "tu",
           "ts", "dt", "tm", "ip", "du"]
TYPES = ["ascii", "text", "varchar", "int", "bigint", "smallint", "tinyint", "varint", "decimal",
         "float", "double", "boolean", "blob", "uuid", "timeuuid", "timestamp", "date", "time",
         "inet", "duration"]

# One row of values as the driver returns them; each is also bound through a
# prepared statement, and EXPECTED_LITERALS spells the same values in CQL.
EXPECTED = {
    "a": "plain ascii ~!",
    "t": "h\u00e9llo w\u00f6rld \u2713 \U0001f600",
    "vc": "varchar is text",
    "i": -2147483648,
    "bi": 9223372036854775807,
    "si": -32768,
    "ti": 127,
    "vi": -123456789012345678901234567890,
    "de": Decimal("-123.4500"),
    "f": 1.5,
    "d": 2.5e10,
    "b": True,
    "bl": b"\x00\x01\xfe\xff",
    "u": uuid.UUID("550e8400-e29b-41d4-a716-446655440000"),
    "tu": uuid.UUID("d2177dd0-eaa2-11de-a572-001b779c76e3"),
    "ts": datetime.datetime(2024, 2, 29, 12, 34, 56, 789000),
    "dt": Date(datetime.date(2024, 2, 29)),
    "tm": Time("13:14:15.123456789"),
    "ip": "192.168.10.20",
    "du": Duration(1, 2, 3000000000),
}
EXPECTED_LITERALS = {
    "a": "'plain ascii ~!'",
    "t": "'h\u00e9llo w\u00f6rld \u2713 \U0001f600'",
    "vc": "'varchar is text'",
    "i": "-2147483648",
    "bi": "9223372036854775807",
    "si": "-32768",
    "ti": "127",
    "vi": "-123456789012345678901234567890",
    "de": "-123.4500",
    "f": "1.5",
    "d": "2.5e10",
    "b": "true",
    "bl": "0x0001feff",
    "u": "550e8400-e29b-41d4-a716-446655440000",
    "tu": "d2177dd0-eaa2-11de-a572-001b779c76e3",
    "ts": "'2024-02-29 12:34:56.789+0000'",
    "dt": "'2024-02-29'",
    "tm": "'13:14:15.123456789'",
    "ip": "'192.168.10.20'",
    "du": "1mo2d3s",
}
# Bound values in the driver's input types.
BOUND = dict(EXPECTED, dt=datetime.date(2024, 2, 29), tm=datetime.time(13, 14, 15, 123456))
BOUND_EXPECTED = dict(EXPECTED, tm=Time("13:14:15.123456"))


def token_of(serialized_key):
    return murmur3(serialized_key)


def int_key(k):
    return struct.pack(">i", k)


@pytest.fixture(scope="module")
def all_types(cql):
    cql.execute("CREATE TABLE all_types (k int PRIMARY KEY, %s)"
                % ", ".join("%s %s" % (c, t) for c, t in zip(COLUMNS, TYPES)))
    return "all_types"


def read_row(cql, k):
    row = cql.execute("SELECT %s FROM all_types WHERE k = %d" % (", ".join(COLUMNS), k)).one()
    assert row is not None, "row %d not found" % k
    return {c: getattr(row, c) for c in COLUMNS}


def test_every_scalar_type_through_prepared_statements(cql, all_types):
    insert = cql.prepare("INSERT INTO all_types (k, %s) VALUES (?, %s)"
                         % (", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))))
    cql.execute(insert, [1] + [BOUND[c] for c in COLUMNS])
    assert read_row(cql, 1) == BOUND_EXPECTED

    select = cql.prepare("SELECT %s FROM all_types WHERE k = ?" % ", ".join(COLUMNS))
    row = cql.execute(select, [1]).one()
    assert {c: getattr(row, c) for c in COLUMNS} == BOUND_EXPECTED


def test_every_scalar_type_through_literals(cql, all_types):
    cql.execute("INSERT INTO all_types (k, %s) VALUES (2, %s)"
                % (", ".join(COLUMNS), ", ".join(EXPECTED_LITERALS[c] for c in COLUMNS)))
    assert read_row(cql, 2) == EXPECTED


def test_every_scalar_type_through_simple_statement_parameters(cql, all_types):
    cql.execute("INSERT INTO all_types (k, %s) VALUES (%%s, %s)"
                % (", ".join(COLUMNS), ", ".join(["%s"] * len(COLUMNS))),
                [3] + [BOUND[c] for c in COLUMNS])
    assert read_row(cql, 3) == BOUND_EXPECTED


def test_extreme_and_null_values(cql, all_types):
    insert = cql.prepare("INSERT INTO all_types (k, i, bi, si, ti, vi, de, f, d, t, bl, ip) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    cql.execute(insert, [4, 2147483647, -9223372036854775808, 32767, -128, 2**200,
                         Decimal("1E-30"), float("-inf"), float("nan"), "", b"", "::1"])
    row = cql.execute("SELECT * FROM all_types WHERE k = 4").one()
    assert (row.i, row.bi, row.si, row.ti, row.vi) == (2147483647, -9223372036854775808, 32767, -128, 2**200)
    assert row.de == Decimal("1E-30")
    assert row.f == float("-inf")
    assert row.d != row.d  # NaN
    assert row.t == "" and row.bl == b""
    assert row.ip == "::1"
    assert row.a is None and row.u is None and row.ts is None and row.du is None

    cql.execute("INSERT INTO all_types (k) VALUES (5)")
    assert read_row(cql, 5) == {c: None for c in COLUMNS}


def test_literal_out_of_range_is_rejected(cql, all_types):
    with pytest.raises(InvalidRequest):
        cql.execute("INSERT INTO all_types (k, ti) VALUES (6, 128)")
    with pytest.raises(InvalidRequest):
        cql.execute("INSERT INTO all_types (k, i) VALUES (6, 2147483648)")
    assert cql.execute("SELECT * FROM all_types WHERE k = 6").one() is None


@pytest.fixture(scope="module")
def clustered(cql):
    cql.execute("CREATE TABLE clustered (p int, c int, v text, PRIMARY KEY (p, c)) "
                "WITH CLUSTERING ORDER BY (c DESC)")
    insert = cql.prepare("INSERT INTO clustered (p, c, v) VALUES (?, ?, ?)")
    order = list(range(10))
    random.Random(7).shuffle(order)
    for p in (1, 2, 3):
        for c in order:
            cql.execute(insert, [p, c, "p%dc%d" % (p, c)])
    return "clustered"


def cs(rows):
    return [r.c for r in rows]


def test_clustering_order_desc(cql, clustered):
    assert cs(cql.execute("SELECT c FROM clustered WHERE p = 1")) == list(range(9, -1, -1))
    assert cs(cql.execute("SELECT c FROM clustered WHERE p = 1 ORDER BY c ASC")) == list(range(10))
    assert cs(cql.execute("SELECT c FROM clustered WHERE p = 1 ORDER BY c DESC")) == list(range(9, -1, -1))


def test_clustering_slices(cql, clustered):
    q = "SELECT c FROM clustered WHERE p = 2 AND "
    assert cs(cql.execute(q + "c > 3 AND c <= 7")) == [7, 6, 5, 4]
    assert cs(cql.execute(q + "c >= 8")) == [9, 8]
    assert cs(cql.execute(q + "c < 2")) == [1, 0]
    assert cs(cql.execute(q + "c = 5")) == [5]
    assert cs(cql.execute(q + "c IN (2, 8, 5)")) == [8, 5, 2]
    assert cs(cql.execute(q + "c > 100")) == []
    assert cs(cql.execute(q + "c > 3 AND c <= 7 ORDER BY c ASC")) == [4, 5, 6, 7]
    prepared = cql.prepare(q + "c >= ? AND c < ?")
    assert cs(cql.execute(prepared, [2, 5])) == [4, 3, 2]


def test_multi_column_clustering(cql):
    cql.execute("CREATE TABLE two_ck (p int, c1 int, c2 text, v int, PRIMARY KEY (p, c1, c2))")
    insert = cql.prepare("INSERT INTO two_ck (p, c1, c2, v) VALUES (0, ?, ?, ?)")
    for c1 in (2, 1, 3):
        for c2 in ("b", "a", "c"):
            cql.execute(insert, [c1, c2, c1 * 10])
    rows = [(r.c1, r.c2) for r in cql.execute("SELECT c1, c2 FROM two_ck WHERE p = 0")]
    assert rows == [(c1, c2) for c1 in (1, 2, 3) for c2 in ("a", "b", "c")]
    rows = [(r.c1, r.c2) for r in cql.execute("SELECT c1, c2 FROM two_ck WHERE p = 0 AND c1 = 2 AND c2 > 'a'")]
    assert rows == [(2, "b"), (2, "c")]
    rows = [(r.c1, r.c2) for r in cql.execute("SELECT c1, c2 FROM two_ck WHERE p = 0 AND (c1, c2) > (2, 'b')")]
    assert rows == [(2, "c"), (3, "a"), (3, "b"), (3, "c")]


def test_composite_partition_key(cql):
    cql.execute("CREATE TABLE composite (a int, b text, c int, v text, PRIMARY KEY ((a, b), c))")
    insert = cql.prepare("INSERT INTO composite (a, b, c, v) VALUES (?, ?, ?, ?)")
    for a in (1, 2):
        for b in ("x", "y"):
            for c in (1, 2):
                cql.execute(insert, [a, b, c, "%d%s%d" % (a, b, c)])
    rows = cql.execute("SELECT a, b, c, v FROM composite WHERE a = 1 AND b = 'y'").all()
    assert [(r.a, r.b, r.c, r.v) for r in rows] == [(1, "y", 1, "1y1"), (1, "y", 2, "1y2")]
    assert cql.execute("SELECT * FROM composite WHERE a = 3 AND b = 'x'").all() == []
    # A partial partition key is a filtering query for SELECT (and an error for writes).
    with pytest.raises(InvalidRequest, match="use ALLOW FILTERING"):
        cql.execute("SELECT * FROM composite WHERE a = 1")
    with pytest.raises(InvalidRequest, match="Some partition key parts are missing: b"):
        cql.execute("UPDATE composite SET v = 'x' WHERE a = 1 AND c = 1")
    # Composite token: each component as <uint16 length><bytes><0x00>.
    row = cql.execute("SELECT token(a, b) AS t FROM composite WHERE a = 2 AND b = 'x' LIMIT 1").one()
    key = b"".join(struct.pack(">H", len(part)) + part + b"\x00" for part in (int_key(2), b"x"))
    assert row.t == token_of(key)


def test_in_on_partition_key(cql, clustered):
    rows = cql.execute("SELECT p, c FROM clustered WHERE p IN (3, 1) AND c = 4").all()
    assert sorted((r.p, r.c) for r in rows) == [(1, 4), (3, 4)]
    rows = cql.execute("SELECT p FROM clustered WHERE p IN (1, 3, 99)").all()
    assert sorted(r.p for r in rows) == [1] * 10 + [3] * 10
    prepared = cql.prepare("SELECT p, c FROM clustered WHERE p IN ? AND c = 0")
    assert sorted(r.p for r in cql.execute(prepared, [[1, 2, 3]])) == [1, 2, 3]


def test_limit(cql, clustered):
    assert cs(cql.execute("SELECT c FROM clustered WHERE p = 1 LIMIT 3")) == [9, 8, 7]
    assert len(cql.execute("SELECT * FROM clustered LIMIT 5").all()) == 5
    assert len(cql.execute("SELECT * FROM clustered LIMIT 1000").all()) == 30
    prepared = cql.prepare("SELECT c FROM clustered WHERE p = ? LIMIT ?")
    assert cs(cql.execute(prepared, [3, 2])) == [9, 8]


def test_count(cql, clustered):
    row = cql.execute("SELECT count(*) FROM clustered WHERE p = 1").one()
    assert row.count == 10
    assert cql.execute("SELECT count(*) FROM clustered").one().count == 30
    assert cql.execute("SELECT count(*) FROM clustered WHERE p = 42").one().count == 0
    assert cql.execute("SELECT COUNT(*) AS n FROM clustered WHERE p = 2 AND c > 6").one().n == 3


def test_delete_row_and_column_and_update_creating_row(cql):
    cql.execute("CREATE TABLE mutate (p int, c int, v text, w int, PRIMARY KEY (p, c))")
    for c in range(3):
        cql.execute("INSERT INTO mutate (p, c, v, w) VALUES (1, %s, %s, %s)", [c, "v%d" % c, c])

    cql.execute("DELETE FROM mutate WHERE p = 1 AND c = 1")
    assert cs(cql.execute("SELECT c FROM mutate WHERE p = 1")) == [0, 2]

    # Deleting a column keeps the row (INSERT wrote a row marker).
    cql.execute("DELETE v FROM mutate WHERE p = 1 AND c = 2")
    row = cql.execute("SELECT v, w FROM mutate WHERE p = 1 AND c = 2").one()
    assert row is not None and row.v is None and row.w == 2

    # UPDATE creates a row; without a row marker it disappears with its last cell.
    cql.execute("UPDATE mutate SET v = 'made by update' WHERE p = 7 AND c = 1")
    assert cql.execute("SELECT v FROM mutate WHERE p = 7 AND c = 1").one().v == "made by update"
    cql.execute("UPDATE mutate SET v = null WHERE p = 7 AND c = 1")
    assert cql.execute("SELECT * FROM mutate WHERE p = 7 AND c = 1").one() is None

    # Deleting a whole partition.
    cql.execute("DELETE FROM mutate WHERE p = 1")
    assert cql.execute("SELECT * FROM mutate WHERE p = 1").all() == []


def test_truncate(cql):
    cql.execute("CREATE TABLE trunc (k int PRIMARY KEY, v int)")
    for k in range(20):
        cql.execute("INSERT INTO trunc (k, v) VALUES (%s, %s)", [k, k])
    assert cql.execute("SELECT count(*) FROM trunc").one().count == 20
    cql.execute("TRUNCATE trunc")
    assert cql.execute("SELECT count(*) FROM trunc").one().count == 0
    cql.execute("INSERT INTO trunc (k, v) VALUES (1, 1)")
    cql.execute("TRUNCATE TABLE %s.trunc" % cql.keyspace)
    assert cql.execute("SELECT * FROM trunc").all() == []


def test_use_switches_keyspace(sibyl, cql):
    cql.execute("CREATE TABLE use_probe (k int PRIMARY KEY, v text)")
    cql.execute("INSERT INTO use_probe (k, v) VALUES (1, 'here')")
    cluster = new_cluster(sibyl)
    try:
        s = cluster.connect()
        assert s.keyspace is None
        with pytest.raises(InvalidRequest):
            s.execute("SELECT * FROM use_probe")  # no keyspace yet
        s.execute("USE %s" % cql.keyspace)
        assert s.keyspace == cql.keyspace
        assert s.execute("SELECT v FROM use_probe WHERE k = 1").one().v == "here"
        s.execute('USE "%s"' % cql.keyspace)
        assert s.execute("SELECT v FROM use_probe WHERE k = 1").one().v == "here"
    finally:
        cluster.shutdown()


def test_if_not_exists_and_if_exists(cql):
    ks = unique_keyspace("it_ifx")
    create_ks = ("CREATE KEYSPACE %s %s WITH replication = "
                 "{'class': 'SimpleStrategy', 'replication_factor': 1}")
    cql.execute(create_ks % ("", ks))
    try:
        cql.execute(create_ks % ("IF NOT EXISTS", ks))
        with pytest.raises(AlreadyExists) as e:
            cql.execute(create_ks % ("", ks))
        assert e.value.keyspace == ks and not e.value.table

        cql.execute("CREATE TABLE %s.t (k int PRIMARY KEY)" % ks)
        cql.execute("CREATE TABLE IF NOT EXISTS %s.t (k int PRIMARY KEY, other text)" % ks)
        table = cql.cluster.metadata.keyspaces[ks].tables["t"]
        assert "other" not in table.columns, "IF NOT EXISTS must not replace the table"
        with pytest.raises(AlreadyExists) as e:
            cql.execute("CREATE TABLE %s.t (k int PRIMARY KEY)" % ks)
        assert e.value.keyspace == ks and e.value.table == "t"

        cql.execute("DROP TABLE IF EXISTS %s.nope" % ks)
        with pytest.raises(InvalidRequest, match=r"Table '%s\.nope' doesn't exist" % ks):
            cql.execute("DROP TABLE %s.nope" % ks)
        cql.execute("DROP TABLE %s.t" % ks)
        cql.execute("DROP TABLE IF EXISTS %s.t" % ks)
    finally:
        cql.execute("DROP KEYSPACE IF EXISTS %s" % ks)
    cql.execute("DROP KEYSPACE IF EXISTS %s" % ks)
    with pytest.raises(InvalidRequest, match="Keyspace '%s' doesn't exist" % ks):
        cql.execute("DROP KEYSPACE %s" % ks)
    assert ks not in cql.cluster.metadata.keyspaces


def test_drop_table(cql):
    cql.execute("CREATE TABLE doomed (k int PRIMARY KEY, v int)")
    cql.execute("INSERT INTO doomed (k, v) VALUES (1, 1)")
    cql.execute("DROP TABLE doomed")
    assert "doomed" not in cql.cluster.metadata.keyspaces[cql.keyspace].tables
    with pytest.raises(InvalidRequest, match="table doomed does not exist"):
        cql.execute("SELECT * FROM doomed")
    # Re-creating it starts empty.
    cql.execute("CREATE TABLE doomed (k int PRIMARY KEY, v int)")
    assert cql.execute("SELECT * FROM doomed").all() == []


def test_unknown_keyspace_and_table_errors(cql):
    with pytest.raises(InvalidRequest, match="keyspace nope does not exist"):
        cql.execute("SELECT * FROM nope.t")
    with pytest.raises(InvalidRequest, match="table nope does not exist"):
        cql.execute("SELECT * FROM nope")
    with pytest.raises(InvalidRequest, match="table nope does not exist"):
        cql.execute("INSERT INTO nope (k) VALUES (1)")
    with pytest.raises(InvalidRequest, match="Keyspace 'nope' does not exist"):
        new_session = cql.cluster.connect()
        try:
            new_session.execute("USE nope")
        finally:
            new_session.shutdown()
    with pytest.raises(InvalidRequest, match="Keyspace 'nope' doesn't exist"):
        cql.execute("CREATE TABLE nope.t (k int PRIMARY KEY)")


def test_wrong_value_type_and_missing_key_errors(cql, clustered):
    with pytest.raises(InvalidRequest, match=r'Invalid STRING constant \(x\) for "p" of type int'):
        cql.execute("INSERT INTO clustered (p, c, v) VALUES ('x', 1, 'a')")
    with pytest.raises(InvalidRequest, match=r'Invalid INTEGER constant \(1\) for "v" of type text'):
        cql.execute("INSERT INTO clustered (p, c, v) VALUES (1, 1, 1)")
    with pytest.raises(InvalidRequest, match="Some partition key parts are missing: p"):
        cql.execute("INSERT INTO clustered (c, v) VALUES (1, 'a')")
    with pytest.raises(InvalidRequest, match="Some clustering keys are missing: c"):
        cql.execute("INSERT INTO clustered (p, v) VALUES (1, 'a')")
    with pytest.raises(InvalidRequest, match="Some partition key parts are missing: p"):
        cql.execute("UPDATE clustered SET v = 'a' WHERE c = 1")
    with pytest.raises(InvalidRequest, match="Undefined column name nope"):
        cql.execute("SELECT nope FROM clustered")
    # None of the failures wrote anything.
    assert cql.execute("SELECT count(*) FROM clustered").one().count == 30


def test_syntax_errors(cql):
    for garbage in ("SELEKT * FROM clustered", "SELECT * FROM", "INSERT INTO t VALUES",
                    "CREATE TABLE (k int PRIMARY KEY)", "\x01\x02 garbage ;;"):
        with pytest.raises(SyntaxException):
            cql.execute(SimpleStatement(garbage))
    with pytest.raises(SyntaxException):
        cql.prepare("SELECT * FROM clustered WHERE p = ? AND")


def test_token_matches_cassandra_murmur3(cql):
    cql.execute("CREATE TABLE tokens (k int PRIMARY KEY, v int)")
    cql.execute("INSERT INTO tokens (k, v) VALUES (1, 1)")
    assert cql.execute("SELECT token(k) FROM tokens WHERE k = 1").one()[0] == -4069959284402364209

    insert = cql.prepare("INSERT INTO tokens (k, v) VALUES (?, ?)")
    keys = list(range(-50, 50))
    for k in keys:
        cql.execute(insert, [k, k])
    rows = cql.execute("SELECT k, token(k) AS t FROM tokens").all()
    assert sorted(r.k for r in rows) == keys
    for r in rows:
        assert r.t == token_of(int_key(r.k)), "token(%d)" % r.k
    # A full scan returns partitions in token order.
    tokens = [r.t for r in rows]
    assert tokens == sorted(tokens)
    # Token ranges select exactly the partitions whose token is in range.
    bound = tokens[len(tokens) // 2]
    upper = cql.execute("SELECT k FROM tokens WHERE token(k) > %s", [bound]).all()
    assert sorted(r.k for r in upper) == sorted(r.k for r in rows if r.t > bound)


def test_text_key_token(cql):
    cql.execute("CREATE TABLE text_tokens (k text PRIMARY KEY)")
    for k in ("a", "key1", "\u00e9t\u00e9", "x" * 300):
        cql.execute("INSERT INTO text_tokens (k) VALUES (%s)", [k])
        t = cql.execute("SELECT token(k) FROM text_tokens WHERE k = %s", [k]).one()[0]
        assert t == token_of(k.encode("utf-8")), "token(%r)" % k
    with pytest.raises(InvalidRequest, match="Key may not be empty"):
        cql.execute("INSERT INTO text_tokens (k) VALUES ('')")
