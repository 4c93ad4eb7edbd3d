"""Paging: every row exactly once, in the unpaged order, for several page sizes."""
import struct

import pytest
from cassandra.concurrent import execute_concurrent_with_args
from cassandra.murmur3 import murmur3
from cassandra.query import SimpleStatement

PAGE_SIZES = (7, 100, 1000)


def token(p):
    return murmur3(struct.pack(">i", p))


@pytest.fixture(scope="module")
def tables(cql):
    cql.execute("CREATE TABLE spread (p int, c int, v text, PRIMARY KEY (p, c))")
    cql.execute("CREATE TABLE single (p int, c int, v text, PRIMARY KEY (p, c)) "
                "WITH CLUSTERING ORDER BY (c DESC)")
    spread = [(p, c, "s-%d-%d" % (p, c)) for p in range(10) for c in range(100)]
    single = [(42, c, "one-%d" % c) for c in range(1000)]
    for table, rows in (("spread", spread), ("single", single)):
        insert = cql.prepare("INSERT INTO %s (p, c, v) VALUES (?, ?, ?)" % table)
        results = execute_concurrent_with_args(cql, insert, rows, concurrency=32,
                                               raise_on_first_error=True)
        assert all(ok for ok, _ in results)
    # What Cassandra returns: partitions in token order, rows in clustering order.
    return {
        "spread": sorted(spread, key=lambda r: (token(r[0]), r[1])),
        "single": sorted(single, key=lambda r: -r[1]),
    }


def unpaged(cql, query, params=None):
    rs = cql.execute(SimpleStatement(query, fetch_size=None), params)
    assert not rs.has_more_pages
    assert rs.paging_state is None
    return [tuple(r) for r in rs.current_rows]


def pages(cql, statement, params=None):
    """Every page as the driver fetches it."""
    rs = cql.execute(statement, params)
    out = [[tuple(r) for r in rs.current_rows]]
    while rs.has_more_pages:
        rs.fetch_next_page()
        out.append([tuple(r) for r in rs.current_rows])
    return out


def check_pages(page_list, fetch_size, expected):
    for i, page in enumerate(page_list[:-1]):
        assert len(page) == fetch_size, "page %d has %d rows, fetch_size %d" % (i, len(page), fetch_size)
    assert len(page_list[-1]) <= fetch_size
    flat = [r for page in page_list for r in page]
    assert len(flat) == len(set(flat)), "a row came twice"
    assert flat == expected


@pytest.mark.parametrize("table", ["spread", "single"])
def test_unpaged_read_is_complete_and_ordered(cql, tables, table):
    assert unpaged(cql, "SELECT p, c, v FROM %s" % table) == tables[table]


@pytest.mark.parametrize("fetch_size", PAGE_SIZES)
@pytest.mark.parametrize("table", ["spread", "single"])
def test_full_scan_pages(cql, tables, table, fetch_size):
    query = "SELECT p, c, v FROM %s" % table
    reference = unpaged(cql, query)
    check_pages(pages(cql, SimpleStatement(query, fetch_size=fetch_size)), fetch_size, reference)
    # The driver's transparent paging gives the same rows.
    assert [tuple(r) for r in cql.execute(SimpleStatement(query, fetch_size=fetch_size))] == reference


@pytest.mark.parametrize("fetch_size", PAGE_SIZES)
def test_single_partition_pages(cql, tables, fetch_size):
    select = cql.prepare("SELECT p, c, v FROM single WHERE p = ?")
    select.fetch_size = fetch_size
    check_pages(pages(cql, select, [42]), fetch_size, tables["single"])

    slice_ = cql.prepare("SELECT p, c, v FROM spread WHERE p = ? AND c >= ?")
    slice_.fetch_size = fetch_size
    expected = [r for r in tables["spread"] if r[0] == 3 and r[1] >= 20]
    check_pages(pages(cql, slice_, [3, 20]), fetch_size, expected)


def test_manual_paging_state_resume(cql, tables):
    statement = SimpleStatement("SELECT p, c, v FROM spread", fetch_size=100)
    collected, paging_state, round_trips = [], None, 0
    while True:
        rs = cql.execute(statement, paging_state=paging_state)
        round_trips += 1
        page = [tuple(r) for r in rs.current_rows]
        assert len(page) <= 100
        collected.extend(page)
        paging_state = rs.paging_state
        if paging_state is None:
            break
        assert isinstance(paging_state, bytes) and paging_state
    assert collected == tables["spread"]
    assert round_trips >= 10


def test_manual_resume_of_a_prepared_statement_in_a_new_execute(cql, tables):
    select = cql.prepare("SELECT p, c, v FROM single WHERE p = ?")
    select.fetch_size = 250
    first = cql.execute(select, [42])
    assert [tuple(r) for r in first.current_rows] == tables["single"][:250]
    # Resume the same query from its paging state, as a stateless web handler would.
    second = cql.execute(select, [42], paging_state=first.paging_state)
    assert [tuple(r) for r in second.current_rows] == tables["single"][250:500]
    again = cql.execute(select, [42], paging_state=first.paging_state)
    assert [tuple(r) for r in again.current_rows] == tables["single"][250:500], "paging state is reusable"


def test_limit_across_pages(cql, tables):
    rows = [tuple(r) for r in cql.execute(SimpleStatement("SELECT p, c, v FROM spread LIMIT 250",
                                                          fetch_size=100))]
    assert rows == tables["spread"][:250]
    rows = [tuple(r) for r in cql.execute(SimpleStatement("SELECT p, c, v FROM single WHERE p = 42 LIMIT 13",
                                                          fetch_size=5))]
    assert rows == tables["single"][:13]


def test_count_is_not_cut_by_page_size(cql, tables):
    assert cql.execute(SimpleStatement("SELECT count(*) FROM spread", fetch_size=7)).one().count == 1000
    assert cql.execute(SimpleStatement("SELECT count(*) FROM single WHERE p = 42",
                                       fetch_size=10)).one().count == 1000
