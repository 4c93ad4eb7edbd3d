"""Frame fuzzer: random and mutated v4 frames over several connections.

Fixed seed, bounded time (SIBYL_FUZZ_SECONDS, default 20). After every frame
a fresh connection must still get SUPPORTED for OPTIONS, and every
CANARY_EVERY frames a long-lived driver session must still read earlier
data. A failure prints the seed, the frame number and the frame bytes, so the
frame can become a byte-literal regression test.
"""
import os
import random
import socket
import struct
import time

import pytest

import cqlframe as cf

SEED = int(os.environ.get("SIBYL_FUZZ_SEED", "20261121"))
DURATION_S = float(os.environ.get("SIBYL_FUZZ_SECONDS", "20"))
MAX_FRAMES = 20000
CONNECTIONS = 4
CANARY_EVERY = 100


def batch_body(statements):
    out = struct.pack(">BH", 0, len(statements))
    for q in statements:
        out += b"\x00" + cf.long_string(q) + struct.pack(">H", 0)
    return out + struct.pack(">HB", cf.CONSISTENCY_ONE, 0)


def execute_body(query_id, values):
    body = struct.pack(">H", len(query_id)) + query_id
    body += struct.pack(">HB", cf.CONSISTENCY_ONE, 0x01 if values else 0)
    if values:
        body += struct.pack(">H", len(values)) + b"".join(cf.bytes_value(v) for v in values)
    return body


def valid_frames(ks, prepared_id):
    """(opcode, body) pairs a well-behaved client could send."""
    table = "%s.fuzz_target" % ks
    return [
        (cf.OPTIONS, b""),
        (cf.STARTUP, cf.startup_body()),
        (cf.STARTUP, cf.startup_body("lz4")),
        (cf.STARTUP, cf.startup_body("snappy")),
        (cf.QUERY, cf.query_body("SELECT * FROM system.local WHERE key = 'local'")),
        (cf.QUERY, cf.query_body("SELECT k, v FROM %s WHERE k = 1" % table)),
        (cf.QUERY, cf.query_body("INSERT INTO %s (k, v) VALUES (7, 'fuzz')" % table)),
        (cf.QUERY, cf.query_body("SELECT * FROM %s" % table, flags=0x04, tail=struct.pack(">i", 3))),
        (cf.QUERY, cf.query_body("INSERT INTO %s (k, v) VALUES (?, ?)" % table, flags=0x01,
                                 tail=struct.pack(">H", 2) + cf.bytes_value(struct.pack(">i", 9))
                                 + cf.bytes_value(b"nine"))),
        (cf.PREPARE, cf.long_string("SELECT v FROM %s WHERE k = ?" % table)),
        (cf.EXECUTE, execute_body(prepared_id, [struct.pack(">i", 1)])),
        (cf.EXECUTE, execute_body(b"\x00" * 16, [struct.pack(">i", 1)])),
        (cf.BATCH, batch_body(["INSERT INTO %s (k, v) VALUES (3, 'b')" % table,
                               "UPDATE %s SET v = 'c' WHERE k = 4" % table])),
        (cf.REGISTER, cf.string_list(["SCHEMA_CHANGE", "STATUS_CHANGE"])),
        (cf.AUTH_RESPONSE, cf.bytes_value(b"\x00cassandra\x00cassandra")),
    ]


def mutate(rng, data):
    data = bytearray(data)
    kind = rng.randrange(10)
    if kind == 0 and data:  # bit flips
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    elif kind == 1 and data:  # random byte overwrites
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == 2:  # truncate (the length field then lies)
        data = data[:rng.randrange(len(data) + 1)]
    elif kind == 3:  # append garbage
        data += bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    elif kind == 4 and len(data) >= 9:  # body length field: small lies, negatives, huge
        new_len = rng.choice([0, 1, len(data) - 9 + rng.randint(-8, 8), -1, -2**31, 2**31 - 1,
                              rng.randrange(2**31)])
        data[5:9] = struct.pack(">i", max(-2**31, min(2**31 - 1, new_len)))
    elif kind == 5 and len(data) >= 9:  # opcode, version, flags
        field = rng.choice([0, 1, 4])
        data[field] = rng.randrange(256)
    elif kind == 6 and len(data) > 9:  # corrupt a string length inside the body
        pos = rng.randrange(9, len(data))
        data[pos:pos + 2] = rng.choice([b"\xff\xff", b"\x7f\xff", b"\x00\x00", b"\x80\x00"])
    elif kind == 7:  # splice two halves of itself
        cut = rng.randrange(len(data) + 1)
        data = data[cut:] + data[:cut]
    elif kind == 8 and len(data) >= 9:  # compression flag on an uncompressed body
        data[1] |= cf.FLAG_COMPRESSION
    else:  # repeat the frame
        data = data * rng.randint(2, 4)
    return bytes(data)


def random_frame(rng):
    if rng.random() < 0.3:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 120)))
    body = bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    return cf.frame(rng.randrange(0x12), body, stream=rng.randrange(-5, 40000) % 65536 - 32768,
                    version=rng.choice([3, 4, 4, 4, 5, 0x84, rng.randrange(256)]),
                    flags=rng.choice([0, 0, 1, 2, 4, 8, rng.randrange(256)]))


class FuzzSlot:
    """One fuzzing connection, replaced when the server closes it."""

    def __init__(self, host, port, rng):
        self.sock = socket.create_connection((host, port), timeout=5)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if rng.random() < 0.6:  # most fuzzing happens after a good STARTUP
            self.sock.sendall(cf.frame(cf.STARTUP, cf.startup_body(), stream=0))
        self.sock.setblocking(False)

    def send(self, data):
        self.sock.setblocking(True)
        self.sock.settimeout(2)
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False
        finally:
            self.sock.setblocking(False)

    def drain(self):
        """Reads what is there; False when the server closed the connection."""
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return False
        except BlockingIOError:
            return True
        except OSError:
            return False

    def close(self):
        self.sock.close()


def options_on_fresh_connection(host, port):
    with cf.RawConnection(host, port, timeout=5) as conn:
        f = conn.request(cf.OPTIONS, stream=1)
        return f.opcode == cf.SUPPORTED


@pytest.fixture(scope="module")
def canary(cql):
    cql.execute("CREATE TABLE canary (k int PRIMARY KEY, v text)")
    cql.execute("CREATE TABLE fuzz_target (k int PRIMARY KEY, v text)")
    for k in range(50):
        cql.execute("INSERT INTO canary (k, v) VALUES (%s, %s)", [k, "canary-%d" % k])
    return cql.prepare("SELECT v FROM canary WHERE k = ?")


def check_canary(cql, select):
    assert cql.execute(select, [17]).one().v == "canary-17"
    assert cql.execute("SELECT count(*) FROM canary").one().count == 50


def test_fuzzed_frames_do_not_hurt_the_node(sibyl, sibyl_node, cql, canary):
    host, port = sibyl
    rng = random.Random(SEED)
    prepared_id = cql.prepare("SELECT v FROM fuzz_target WHERE k = ?").query_id
    seeds = [cf.frame(op, body, stream=rng.randrange(1, 100)) for op, body in valid_frames(cql.keyspace, prepared_id)]
    slots = [None] * CONNECTIONS
    deadline = time.monotonic() + DURATION_S
    sent = 0

    def fail(i, data, why):
        node_state = ""
        if sibyl_node is not None:
            rc = sibyl_node.proc.poll()
            node_state = "\nnode exit code: %s\nnode output tail:\n%s" % (rc, sibyl_node.output_tail(2000)) \
                if rc is not None else "\nnode still running (pid %d)" % sibyl_node.pid
        pytest.fail("seed %d, frame #%d: %s\nframe (%d bytes): %s%s"
                    % (SEED, i, why, len(data), data[:256].hex(), node_state))

    try:
        while sent < MAX_FRAMES and time.monotonic() < deadline:
            slot_index = rng.randrange(CONNECTIONS)
            if slots[slot_index] is None or rng.random() < 0.05:
                if slots[slot_index] is not None:
                    slots[slot_index].close()
                try:
                    slots[slot_index] = FuzzSlot(host, port, rng)
                except OSError as e:
                    fail(sent, b"", "cannot open a fuzzing connection: %r" % e)
            slot = slots[slot_index]
            data = random_frame(rng) if rng.random() < 0.25 else mutate(rng, rng.choice(seeds))
            alive = slot.send(data) and slot.drain()
            if not alive:
                slot.close()
                slots[slot_index] = None
            sent += 1
            try:
                ok = options_on_fresh_connection(host, port)
            except (OSError, ValueError, AssertionError) as e:
                fail(sent, data, "a fresh connection's OPTIONS failed: %r" % e)
            if not ok:
                fail(sent, data, "a fresh connection's OPTIONS did not get SUPPORTED")
            if sent % CANARY_EVERY == 0:
                try:
                    check_canary(cql, canary)
                except Exception as e:  # noqa: BLE001 - any failure here is the finding
                    fail(sent, data, "the long-lived session lost its data or connection: %r" % e)
    finally:
        for s in slots:
            if s is not None:
                s.close()
    assert sent >= 500, "only %d frames in %.0f s" % (sent, DURATION_S)
    check_canary(cql, canary)
    assert options_on_fresh_connection(host, port)
