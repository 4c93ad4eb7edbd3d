"""A tiny native-protocol v4 frame encoder/decoder for raw-socket tests.

Written from doc/native_protocol_v4.spec: a 9-byte header
(version, flags, stream:int16, opcode, length:int32) then the body.
"""
import socket
import struct

# Opcodes (spec section 2.4).
ERROR, STARTUP, READY, AUTHENTICATE, OPTIONS, SUPPORTED = 0x00, 0x01, 0x02, 0x03, 0x05, 0x06
QUERY, RESULT, PREPARE, EXECUTE, REGISTER, EVENT, BATCH = 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D
AUTH_CHALLENGE, AUTH_RESPONSE, AUTH_SUCCESS = 0x0E, 0x0F, 0x10

# Header flags.
FLAG_COMPRESSION, FLAG_TRACING, FLAG_CUSTOM_PAYLOAD, FLAG_WARNING = 0x01, 0x02, 0x04, 0x08

# Error codes (spec section 9).
ERR_SERVER, ERR_PROTOCOL, ERR_SYNTAX, ERR_INVALID = 0x0000, 0x000A, 0x2000, 0x2200

CONSISTENCY_ONE = 0x0001
HEADER = struct.Struct(">BBhBi")


def string(s):
    b = s.encode("utf-8") if isinstance(s, str) else s
    return struct.pack(">H", len(b)) + b


def long_string(s):
    b = s.encode("utf-8") if isinstance(s, str) else s
    return struct.pack(">i", len(b)) + b


def bytes_value(b):
    return struct.pack(">i", -1) if b is None else struct.pack(">i", len(b)) + b


def string_map(m):
    return struct.pack(">H", len(m)) + b"".join(string(k) + string(v) for k, v in m.items())


def string_list(items):
    return struct.pack(">H", len(items)) + b"".join(string(i) for i in items)


def frame(opcode, body=b"", stream=0, version=4, flags=0):
    return HEADER.pack(version, flags, stream, opcode, len(body)) + body


def startup_body(compression=None):
    opts = {"CQL_VERSION": "3.0.0"}
    if compression:
        opts["COMPRESSION"] = compression
    return string_map(opts)


def query_body(cql, consistency=CONSISTENCY_ONE, flags=0, tail=b""):
    return long_string(cql) + struct.pack(">HB", consistency, flags) + tail


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        if n < 0 or self.pos + n > len(self.data):
            raise ValueError("truncated body")
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def int(self):
        return struct.unpack(">i", self.take(4))[0]

    def short(self):
        return struct.unpack(">H", self.take(2))[0]

    def string(self):
        return self.take(self.short()).decode("utf-8")

    def long_string(self):
        return self.take(self.int()).decode("utf-8")

    def bytes(self):
        n = self.int()
        return None if n < 0 else self.take(n)

    def string_list(self):
        return [self.string() for _ in range(self.short())]

    def string_multimap(self):
        return {self.string(): self.string_list() for _ in range(self.short())}

    def option(self):
        kind = self.short()
        if kind == 0x0000:
            return ("custom", self.string())
        if kind in (0x0020, 0x0022):
            return (kind, self.option())
        if kind == 0x0021:
            return (kind, self.option(), self.option())
        if kind == 0x0030:
            ks, name = self.string(), self.string()
            fields = [(self.string(), self.option()) for _ in range(self.short())]
            return (kind, ks, name, fields)
        if kind == 0x0031:
            return (kind, [self.option() for _ in range(self.short())])
        return kind


class Frame:
    def __init__(self, version, flags, stream, opcode, body):
        self.version, self.flags, self.stream, self.opcode, self.body = version, flags, stream, opcode, body

    def reader(self):
        """A Reader positioned after the optional tracing id / warnings / custom payload."""
        r = Reader(self.body)
        if self.flags & FLAG_TRACING:
            r.take(16)
        if self.flags & FLAG_WARNING:
            r.string_list()
        if self.flags & FLAG_CUSTOM_PAYLOAD:
            for _ in range(r.short()):
                r.string()
                r.bytes()
        return r

    def error(self):
        """(code, message) of an ERROR frame."""
        assert self.opcode == ERROR, "expected ERROR, got opcode %#x" % self.opcode
        r = self.reader()
        return r.int(), r.string()

    def rows(self):
        """(column names, list of rows of raw bytes) of a RESULT Rows frame."""
        assert self.opcode == RESULT, "expected RESULT, got %s" % self.describe()
        r = self.reader()
        kind = r.int()
        assert kind == 2, "expected a Rows result, got kind %d" % kind
        flags, ncols = r.int(), r.int()
        if flags & 0x0002:
            r.bytes()  # paging state
        names = []
        if not flags & 0x0004:
            global_spec = flags & 0x0001
            if global_spec:
                r.string()
                r.string()
            for _ in range(ncols):
                if not global_spec:
                    r.string()
                    r.string()
                names.append(r.string())
                r.option()
        rows = [[r.bytes() for _ in range(ncols)] for _ in range(r.int())]
        return names, rows

    def describe(self):
        if self.opcode == ERROR:
            try:
                return "ERROR %#06x %r" % self.error()
            except (ValueError, AssertionError):
                pass
        return "opcode %#x (%d body bytes)" % (self.opcode, len(self.body))


class RawConnection:
    """A blocking socket speaking v4 frames; optional body compression."""

    def __init__(self, host, port, timeout=10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.compress = None
        self.decompress = None

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, opcode, body=b"", stream=0, version=4, flags=0):
        if self.compress is not None and opcode not in (STARTUP, OPTIONS):
            body = self.compress(body)
            flags |= FLAG_COMPRESSION
        self.sock.sendall(frame(opcode, body, stream, version, flags))

    def recv_exact(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ConnectionError("server closed the connection after %d of %d bytes" % (len(buf), n))
            buf += chunk
        return bytes(buf)

    def recv(self):
        version, flags, stream, opcode, length = HEADER.unpack(self.recv_exact(HEADER.size))
        body = self.recv_exact(length) if length else b""
        if flags & FLAG_COMPRESSION:
            assert self.decompress is not None, "compressed frame on an uncompressed connection"
            body = self.decompress(body)
        return Frame(version, flags, stream, opcode, body)

    def recv_for(self, stream):
        """Next frame on `stream`, skipping server-pushed events (stream -1)."""
        while True:
            f = self.recv()
            if f.stream == stream:
                return f
            assert f.stream == -1, "unexpected response on stream %d while waiting for %d" % (f.stream, stream)

    def request(self, opcode, body=b"", stream=1, **kw):
        self.send(opcode, body, stream, **kw)
        return self.recv_for(stream)

    def startup(self, compression=None):
        f = self.request(STARTUP, startup_body(compression), stream=0)
        assert f.opcode == READY, "STARTUP answered with %s" % f.describe()
        return f

    def query(self, cql, stream=1):
        return self.request(QUERY, query_body(cql), stream)
