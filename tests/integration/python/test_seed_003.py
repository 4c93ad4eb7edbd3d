"""Seed 003: "A deep look at the CQL WHERE clause" — every query of the article, through the driver.

Queries the article calls valid must return Cassandra's rows; queries Cassandra refuses must be refused
with InvalidRequest and Cassandra's message. Cassandra's behaviour is the reference where the article's
(translated) text mixes up its examples: in the single-column slice section it lists
`hour = 12 AND minute >= 0 AND minute <= 30`, `hour >= 12` and `datacenter > 'US'` as invalid and
`hour >= 12 AND minute = 0` as valid, while Cassandra (2.2 and later) accepts the first three and refuses
the last. Two queries spell the column `datacentre`; they are run as written (Cassandra answers
"Undefined column name") and with the column's real name.
"""
import pytest
from cassandra import InvalidRequest

FILTERING = ("Cannot execute this query as it might involve data filtering and thus may have unpredictable "
             "performance. If you want to execute this query despite the performance unpredictability, "
             "use ALLOW FILTERING")

CLUSTERS = ["cluster1", "cluster2"]
DATES = ["2015-06-03", "2015-06-04", "2015-06-05"]
DCS = ["US_EAST_COAST", "US_WEST_COAST"]
HOURS = [11, 12, 13, 14, 15, 17]
MINUTES = [0, 15, 30, 45]


def requests(cluster, date, dc, hour, minute):
    return (len(cluster) * 1000 + int(date[-2:]) * 100 + hour * 3 + minute + len(dc)) % 997


@pytest.fixture(scope="module")
def detailed(cql):
    """The second table of the article, PRIMARY KEY ((cluster, date), datacenter, hour, minute)."""
    cql.execute("CREATE TABLE numberOfRequests (cluster text, date text, datacenter text, hour int, minute int, "
                "numberOfRequests int, PRIMARY KEY ((cluster, date), datacenter, hour, minute))")
    insert = cql.prepare("INSERT INTO numberOfRequests (cluster, date, datacenter, hour, minute, numberOfRequests) "
                         "VALUES (?, ?, ?, ?, ?, ?)")
    rows = []
    for c in CLUSTERS:
        for d in DATES:
            for dc in DCS:
                for h in HOURS:
                    for m in MINUTES:
                        rows.append((c, d, dc, h, m, requests(c, d, dc, h, m)))
                        cql.execute(insert, rows[-1])
    return rows


@pytest.fixture(scope="module")
def simple(cql):
    """The first table of the article, PRIMARY KEY ((cluster, date), time)."""
    cql.execute("CREATE TABLE simpleRequests (cluster text, date text, time text, numberOfRequests int, "
                "PRIMARY KEY ((cluster, date), time))")
    insert = cql.prepare("INSERT INTO simpleRequests (cluster, date, time, numberOfRequests) VALUES (?, ?, ?, ?)")
    rows = []
    for c in CLUSTERS:
        for d in DATES:
            for t in ["11:00", "12:00", "13:00", "14:00", "15:00"]:
                rows.append((c, d, t, len(c) + int(d[-2:]) + int(t[:2])))
                cql.execute(insert, rows[-1])
    return rows


def keys(result):
    return [(r.cluster, r.date, r.datacenter, r.hour, r.minute) for r in result]


def expect(rows, where):
    """The rows Cassandra returns: one partition, in clustering order."""
    return [r[:5] for r in sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3], r[4])) if where(r)]


def refused(cql, query, message):
    with pytest.raises(InvalidRequest) as e:
        cql.execute(query)
    assert message in str(e.value), str(e.value)


P = "SELECT * FROM numberOfRequests WHERE cluster = 'cluster1' AND date = '2015-06-05' AND "


def in_partition(r):
    return r[0] == "cluster1" and r[1] == "2015-06-05"


# --- partition key restrictions ---------------------------------------------------------------------

def test_in_on_any_partition_key_column(cql, simple):
    got = cql.execute("SELECT * FROM simpleRequests WHERE cluster IN ('cluster1', 'cluster2') AND "
                      "date = '2015-05-06' AND time >= '12:00' AND time <= '14:00'")
    assert list(got) == []
    got = cql.execute("SELECT cluster, date, time FROM simpleRequests WHERE cluster IN ('cluster2', 'cluster1', "
                      "'cluster2') AND date = '2015-06-05' AND time >= '12:00' AND time <= '14:00'")
    # Results follow the partition keys' order, duplicates ignored (2.2 and later).
    want = sorted({(r[0], r[1], r[2]) for r in simple
                   if r[1] == "2015-06-05" and "12:00" <= r[2] <= "14:00"})
    assert [(r.cluster, r.date, r.time) for r in got] == want


def test_partition_key_must_be_fully_restricted(cql, simple):
    refused(cql, "SELECT * FROM simpleRequests WHERE cluster='cluster1' AND time ='12:00'", FILTERING)
    got = cql.execute("SELECT cluster, date, time FROM simpleRequests WHERE cluster='cluster1' AND time ='12:00' "
                      "ALLOW FILTERING")
    assert sorted((r.cluster, r.date, r.time) for r in got) == [("cluster1", d, "12:00") for d in DATES]


def test_no_slices_on_partition_key_but_token_slices(cql, simple):
    # Since 3.10 a slice on a partition key column is filtering, allowed only with ALLOW FILTERING.
    refused(cql, "SELECT * FROM simpleRequests WHERE cluster > 'cluster1' AND date = '2015-06-05'", FILTERING)
    got = cql.execute("SELECT cluster, date, time FROM simpleRequests WHERE cluster > 'cluster1' AND "
                      "date = '2015-06-05' ALLOW FILTERING")
    assert sorted((r.cluster, r.date, r.time) for r in got) == sorted(
        (r[0], r[1], r[2]) for r in simple if r[0] > "cluster1" and r[1] == "2015-06-05")
    lo = cql.execute("SELECT token(cluster, date) AS t FROM simpleRequests WHERE cluster = 'cluster1' "
                     "AND date = '2015-06-03' LIMIT 1").one().t
    hi = cql.execute("SELECT token(cluster, date) AS t FROM simpleRequests WHERE cluster = 'cluster1' "
                     "AND date = '2015-06-05' LIMIT 1").one().t
    got = cql.execute("SELECT token(cluster, date) AS t, time FROM simpleRequests WHERE "
                      "token(cluster, date) > token('cluster1', '2015-06-03') AND "
                      "token(cluster, date) <= token('cluster1', '2015-06-05') AND time = '12:00' ALLOW FILTERING")
    tokens = [r.t for r in got]
    assert all(lo < t <= hi for t in tokens) and tokens == sorted(tokens)
    assert all(r.time == "12:00" for r in got)
    everything = cql.execute("SELECT DISTINCT cluster, date, token(cluster, date) AS t FROM simpleRequests")
    assert len(tokens) == len([r for r in everything if lo < r.t <= hi])


# --- clustering column restrictions ------------------------------------------------------------------

def test_all_clustering_columns_known(cql, detailed):
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND hour = 14 AND minute = 00")
    assert keys(got) == [("cluster1", "2015-06-05", "US_WEST_COAST", 14, 0)]


def test_skipping_a_clustering_column_is_refused(cql, detailed):
    refused(cql, P + "hour = 14 AND minute = 0",
            'PRIMARY KEY column "hour" cannot be restricted as preceding column "datacenter" is not restricted')


def test_in_on_any_clustering_column(cql, detailed):
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND hour IN (14, 15) AND minute = 0")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST"
                               and r[3] in (14, 15) and r[4] == 0)


def test_multi_column_in(cql, detailed):
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND (hour, minute) IN ((14, 0), (15, 0))")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST"
                               and (r[3], r[4]) in ((14, 0), (15, 0)))
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND (hour) IN ((14), (15))")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST" and r[3] in (14, 15))


def test_multi_column_in_over_any_set_of_clustering_columns(cql, detailed):
    refused(cql, P + "(datacentre, hour) IN (('US_WEST_COAST', 14), ('US_EAST_COAST', 17)) AND minute = 0",
            "Undefined column name datacentre")
    got = cql.execute(P + "(datacenter, hour) IN (('US_WEST_COAST', 14), ('US_EAST_COAST', 17)) AND minute = 0")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and (r[2], r[3]) in
                               (("US_WEST_COAST", 14), ("US_EAST_COAST", 17)) and r[4] == 0)


def test_single_column_slices_on_the_last_restricted_column(cql, detailed):
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND hour= 12 AND minute >= 0 AND minute <= 30")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST" and r[3] == 12
                               and 0 <= r[4] <= 30)
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND hour >= 12")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST" and r[3] >= 12)
    got = cql.execute(P + "datacenter > 'US'")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] > "US")
    refused(cql, P + "datacenter = 'US_WEST_COAST' AND hour >= 12 AND minute = 0",
            'Clustering column "minute" cannot be restricted (preceding column "hour" is restricted by a non-EQ relation)')


def test_multi_column_slices(cql, detailed):
    got = cql.execute(P + "datacenter = 'US_WESTCOAST' AND (hour, minute) >= (12, 0) AND (hour, minute) <= (14, 0)")
    assert list(got) == []  # the article's datacenter value has no rows
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND (hour, minute) >= (12, 0) AND (hour, minute) <= (14, 0)")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST"
                               and (12, 0) <= (r[3], r[4]) <= (14, 0))
    got = cql.execute(P + "datacenter = 'US_WEST_COAST' AND (hour, minute) >= (12, 30) AND (hour) < (14)")
    assert keys(got) == expect(detailed, lambda r: in_partition(r) and r[2] == "US_WEST_COAST"
                               and (r[3], r[4]) >= (12, 30) and r[3] < 14)
    refused(cql, P + "datacenter = 'US_WEST_COAST' AND (hour, minute) >= (12, 0) AND (minute) <= (45)",
            'Column "minute" cannot be restricted by two inequalities not starting with the same column')
    refused(cql, P + "datacentre = 'US_WEST_COAST' AND (hour, minute) >= (12, 0) AND (minute) <= (45)",
            "Undefined column name datacentre")


# --- regular columns and secondary indexes -----------------------------------------------------------

@pytest.fixture(scope="module")
def contacts(cql):
    cql.execute("CREATE TABLE contacts (id int PRIMARY KEY, firstName text, lastName text, "
                "phones map<text, text>, emails set<text>)")
    cql.execute("CREATE INDEX ON contacts (firstName)")
    cql.execute("CREATE INDEX ON contacts (keys(phones))")
    cql.execute("CREATE INDEX ON contacts (emails)")
    people = [
        (1, "Benjamin", "Lerer", {"office": "0000.0000.0000", "home": "1111"}, {"Benjamin@oops.com"}),
        (2, "Benjamin", "Franklin", {"home": "2222"}, {"ben@franklin.org"}),
        (3, "Ada", "Lovelace", {"office": "3333"}, {"ada@engine.org", "Benjamin@oops.com"}),
        (4, "Alan", "Turing", {}, set()),
    ]
    insert = cql.prepare("INSERT INTO contacts (id, firstName, lastName, phones, emails) VALUES (?, ?, ?, ?, ?)")
    for p in people:
        cql.execute(insert, p)
    return people


def ids(result):
    return sorted(r.id for r in result)


def test_regular_column_needs_index_or_filtering(cql, contacts):
    refused(cql, "SELECT * FROM contacts WHERE lastName = 'Lerer'", FILTERING)
    assert ids(cql.execute("SELECT * FROM contacts WHERE lastName = 'Lerer' ALLOW FILTERING")) == [1]


def test_secondary_index_queries(cql, contacts):
    assert ids(cql.execute("SELECT * FROM contacts WHERE firstname = 'Benjamin'")) == [1, 2]
    assert ids(cql.execute("SELECT * FROM contacts WHERE phones CONTAINS KEY 'office'")) == [1, 3]
    assert ids(cql.execute("SELECT * FROM contacts WHERE emails CONTAINS 'Benjamin@oops.com'")) == [1, 3]


def test_secondary_index_with_filtering(cql, contacts):
    refused(cql, "SELECT * FROM contacts WHERE firstname = 'Benjamin' AND lastname = 'Lerer'", FILTERING)
    assert ids(cql.execute("SELECT * FROM contacts WHERE firstname = 'Benjamin' AND lastname = 'Lerer' "
                           "ALLOW FILTERING")) == [1]
    assert ids(cql.execute("SELECT * FROM contacts WHERE phones CONTAINS KEY 'office' AND "
                           "phones CONTAINS '0000.0000.0000' ALLOW FILTERING")) == [1]


def test_index_on_clustering_partition_with_in(cql, detailed):
    cql.execute("CREATE INDEX ON numberOfRequests (minute)")
    got = cql.execute(P + "datacenter IN ('US_WEST_COAST', 'US_EAST_COAST') AND minute = 0 ALLOW FILTERING")
    assert sorted(keys(got)) == expect(detailed, lambda r: in_partition(r) and r[4] == 0)


# --- UPDATE and DELETE -------------------------------------------------------------------------------

def test_update_and_delete_restrictions(cql):
    cql.execute("CREATE TABLE hits (cluster text, date text, datacenter text, hour int, minute int, n int, "
                "PRIMARY KEY ((cluster, date), datacenter, hour, minute))")
    refused(cql, "UPDATE hits SET n = 1 WHERE cluster = 'c1' AND datacenter = 'dc' AND hour = 1 AND minute = 1",
            "Some partition key parts are missing: date")
    refused(cql, "UPDATE hits SET n = 1 WHERE cluster = 'c1' AND date = 'd' AND datacenter = 'dc' AND hour = 1",
            "Some clustering keys are missing: minute")
    # IN on any partition key and clustering column; multi-column EQ and IN on clustering columns (3.0).
    cql.execute("UPDATE hits SET n = 7 WHERE cluster IN ('c1', 'c2') AND date = 'd' AND datacenter IN ('a', 'b') "
                "AND (hour, minute) IN ((1, 0), (2, 30))")
    assert cql.execute("SELECT count(*) FROM hits").one()[0] == 8
    cql.execute("UPDATE hits SET n = 8 WHERE cluster = 'c1' AND date = 'd' AND datacenter = 'a' AND (hour, minute) = (1, 0)")
    assert cql.execute("SELECT n FROM hits WHERE cluster = 'c1' AND date = 'd' AND datacenter = 'a' AND hour = 1 "
                       "AND minute = 0").one().n == 8
    # Range deletion of whole rows.
    cql.execute("DELETE FROM hits WHERE cluster = 'c1' AND date = 'd' AND datacenter = 'a' AND hour >= 2")
    assert cql.execute("SELECT count(*) FROM hits WHERE cluster = 'c1' AND date = 'd'").one()[0] == 3
    # IN is not supported with conditional updates.
    refused(cql, "UPDATE hits SET n = 1 WHERE cluster IN ('c1', 'c2') AND date = 'd' AND datacenter = 'a' AND hour = 1 "
                 "AND minute = 0 IF n = 7", "IN on the partition key is not supported with conditional updates")
    refused(cql, "UPDATE hits SET n = 1 WHERE cluster = 'c1' AND date = 'd' AND datacenter IN ('a', 'b') AND hour = 1 "
                 "AND minute = 0 IF n = 7", "IN on the clustering key columns is not supported with conditional updates")
    # No secondary index lookups for UPDATE and DELETE.
    refused(cql, "UPDATE hits SET n = 1 WHERE n = 7", "Non PRIMARY KEY columns found in where clause: n")
    refused(cql, "DELETE FROM hits WHERE n = 7", "Non PRIMARY KEY columns found in where clause: n")
