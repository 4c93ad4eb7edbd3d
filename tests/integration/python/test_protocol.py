"""Native protocol v4 on raw sockets, plus compression through the driver."""
import os
import random
import struct

import lz4.block
import pytest
import snappy

import cqlframe as cf
from conftest import new_cluster

# Cassandra 4.x's default native_transport_max_frame_size (16 MiB); the size
# check covers header + body. Override if Sibyl is configured differently.
MAX_FRAME_BYTES = int(os.environ.get("SIBYL_MAX_FRAME_BYTES", str(16 * 1024 * 1024)))


def lz4_compress(body):
    # Cassandra's v4 lz4 body: uncompressed length as a big-endian int, then an lz4 block.
    return struct.pack(">i", len(body)) + lz4.block.compress(body, store_size=False)


def lz4_decompress(body):
    return lz4.block.decompress(body[4:], uncompressed_size=struct.unpack(">i", body[:4])[0])


@pytest.fixture
def raw(sibyl):
    conn = cf.RawConnection(*sibyl)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def numbered(cql):
    cql.execute("CREATE TABLE numbered (k int PRIMARY KEY, v text)")
    insert = cql.prepare("INSERT INTO numbered (k, v) VALUES (?, ?)")
    for k in range(300):
        cql.execute(insert, [k, "value-%d" % k])
    return "%s.numbered" % cql.keyspace


def test_options_returns_supported(raw):
    f = raw.request(cf.OPTIONS, stream=3)
    assert f.version == 0x84
    assert f.stream == 3
    assert f.opcode == cf.SUPPORTED, f.describe()
    supported = f.reader().string_multimap()
    assert any(v.startswith("3.") for v in supported["CQL_VERSION"]), supported
    assert {"lz4", "snappy"} <= set(supported["COMPRESSION"]), supported


def test_options_is_allowed_again_after_startup(raw):
    raw.startup()
    f = raw.request(cf.OPTIONS, stream=9)
    assert f.opcode == cf.SUPPORTED, f.describe()


@pytest.mark.parametrize("opcode", [cf.OPTIONS, cf.STARTUP])
@pytest.mark.parametrize("version", [5, 0x41, 0x42])
def test_newer_protocol_versions_get_a_protocol_error_the_drivers_understand(sibyl, version, opcode):
    # v5 (and the DataStax DSE_V1/DSE_V2 the Python driver tries first) are not
    # spoken: the ERROR must carry "unsupported protocol version" (the Python
    # driver matches that text to downgrade; Node matches "Invalid or unsupported
    # protocol version"). The Python driver's first frame is OPTIONS, Node's STARTUP.
    body = cf.startup_body() if opcode == cf.STARTUP else b""
    with cf.RawConnection(*sibyl) as conn:
        conn.send(opcode, body, stream=0, version=version)
        f = conn.recv()
        assert f.version & 0x80, "response direction bit"
        # 4, not 3: the Node.js driver retries with the version the error came in.
        assert f.version & 0x7F == 4, "answered with version %#x" % f.version
        assert f.stream == 0
        code, message = f.error()
        assert code == cf.ERR_PROTOCOL
        assert "unsupported protocol version" in message.lower()
        assert "Invalid or unsupported protocol version" in message


def test_request_before_startup_is_an_error(raw):
    f = raw.request(cf.QUERY, cf.query_body("SELECT key FROM system.local"), stream=5)
    assert f.stream == 5
    code, message = f.error()
    assert code == cf.ERR_PROTOCOL
    assert "STARTUP" in message


def test_unknown_opcode_is_a_protocol_error(raw):
    raw.startup()
    f = raw.request(0x04, b"", stream=11)  # 0x04 is unassigned in v4
    assert f.stream == 11
    assert f.error()[0] == cf.ERR_PROTOCOL


def test_oversized_frame_errors_on_its_stream_and_others_still_answer(raw):
    raw.startup()
    body_len = MAX_FRAME_BYTES - 9 + 1  # header + body is one byte over the limit
    raw.sock.settimeout(60)
    # A QUERY whose declared and actual body are both too big; the server must
    # skip the body, answer on stream 21, and keep the connection usable.
    cql_text = b"SELECT key FROM system.local WHERE key = '" + b"x" * (body_len - 80) + b"'"
    body = cf.query_body(cql_text)
    body = body + b"\x00" * (body_len - len(body))
    assert len(body) == body_len
    raw.sock.sendall(cf.frame(cf.QUERY, body, stream=21))
    raw.send(cf.QUERY, cf.query_body("SELECT key FROM system.local"), stream=22)
    answers = {}
    while len(answers) < 2:
        f = raw.recv()
        if f.stream != -1:
            answers[f.stream] = f
    code, message = answers[21].error()
    assert code == cf.ERR_INVALID
    assert "too big" in message.lower()
    names, rows = answers[22].rows()
    assert names == ["key"] and rows == [[b"local"]]
    # Still usable afterwards.
    names, rows = raw.query("SELECT key FROM system.local", stream=23).rows()
    assert rows == [[b"local"]]


def test_many_concurrent_streams_get_their_own_answers(raw, numbered):
    raw.startup()
    rng = random.Random(1234)
    streams = rng.sample(range(1, 32768), 250) + [32767]
    keys = {}
    out = bytearray()
    for s in streams:
        k = rng.randrange(300)
        keys[s] = k
        out += cf.frame(cf.QUERY, cf.query_body("SELECT v FROM %s WHERE k = %d" % (numbered, k)), stream=s)
    raw.sock.sendall(bytes(out))  # all in flight at once
    seen = set()
    while len(seen) < len(streams):
        f = raw.recv()
        if f.stream == -1:
            continue
        assert f.stream in keys and f.stream not in seen, "unexpected or duplicate stream %d" % f.stream
        seen.add(f.stream)
        names, rows = f.rows()
        assert rows == [[("value-%d" % keys[f.stream]).encode()]], "stream %d" % f.stream


def test_wrong_size_bound_value_is_invalid(raw, numbered):
    raw.startup()
    # QUERY with positional values: k gets 8 bytes although int is 4.
    values = struct.pack(">H", 2) + cf.bytes_value(b"\x00" * 8) + cf.bytes_value(b"v")
    body = cf.long_string("INSERT INTO %s (k, v) VALUES (?, ?)" % numbered) + struct.pack(">HB", 1, 0x01) + values
    code, message = raw.request(cf.QUERY, body, stream=2).error()
    assert code == cf.ERR_INVALID
    assert "Expected 4 or 0 byte int (8)" in message


def test_schema_change_event_pushed_on_stream_minus_one(sibyl, cql):
    with cf.RawConnection(*sibyl) as conn:
        conn.startup()
        f = conn.request(cf.REGISTER, cf.string_list(["SCHEMA_CHANGE"]), stream=1)
        assert f.opcode == cf.READY, f.describe()
        cql.execute("CREATE TABLE pushed_event (k int PRIMARY KEY)")
        conn.sock.settimeout(10)
        event = conn.recv()
        assert event.stream == -1
        assert event.opcode == cf.EVENT
        r = event.reader()
        assert r.string() == "SCHEMA_CHANGE"
        assert (r.string(), r.string(), r.string(), r.string()) == \
            ("CREATED", "TABLE", cql.keyspace, "pushed_event")


@pytest.mark.parametrize("name,compress,decompress", [
    ("lz4", lz4_compress, lz4_decompress),
    ("snappy", snappy.compress, snappy.decompress),
])
def test_raw_compressed_frames(sibyl, numbered, name, compress, decompress):
    with cf.RawConnection(*sibyl) as conn:
        conn.decompress = decompress
        conn.startup(compression=name)
        conn.compress = compress
        f = conn.query("SELECT k, v FROM %s WHERE k IN (1, 2, 3)" % numbered, stream=4)
        assert f.flags & cf.FLAG_COMPRESSION, "response was not compressed"
        names, rows = f.rows()
        assert names == ["k", "v"]
        assert sorted(rows) == sorted([[struct.pack(">i", k), b"value-%d" % k] for k in (1, 2, 3)])


def test_unknown_compression_is_refused(raw):
    f = raw.request(cf.STARTUP, cf.startup_body("zstd-unknown"), stream=0)
    code, _ = f.error()
    assert code == cf.ERR_PROTOCOL


@pytest.mark.parametrize("compression", ["lz4", "snappy"])
def test_driver_with_compression(sibyl, compression):
    cluster = new_cluster(sibyl, compression=compression)
    try:
        session = cluster.connect()
        conn = cluster.control_connection._connection
        assert conn.compressor is not None and conn.decompressor is not None, "compression not negotiated"
        ks = "it_compress_%s" % compression
        session.execute("CREATE KEYSPACE IF NOT EXISTS %s WITH replication = "
                        "{'class': 'SimpleStrategy', 'replication_factor': 1}" % ks)
        session.execute("CREATE TABLE IF NOT EXISTS %s.big (k int PRIMARY KEY, v text)" % ks)
        big = "".join(random.Random(5).choice("abcdef") for _ in range(200000))
        insert = session.prepare("INSERT INTO %s.big (k, v) VALUES (?, ?)" % ks)
        session.execute(insert, [1, big])
        session.execute(insert, [2, "small"])
        assert session.execute("SELECT v FROM %s.big WHERE k = 1" % ks).one().v == big
        assert sorted(r.k for r in session.execute("SELECT k FROM %s.big" % ks)) == [1, 2]
        session.execute("DROP KEYSPACE %s" % ks)
    finally:
        cluster.shutdown()
