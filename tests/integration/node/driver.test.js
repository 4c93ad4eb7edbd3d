'use strict';
// Sibyl with the DataStax Node.js driver (npm cassandra-driver), run by node:test:
//   cd tests/integration/node && npm install && npm test
// Starts its own node: ./sibyl start --data-dir TMP --port P --admin-port A --listen 127.0.0.1
// (SIBYL_REPO overrides the repository root; SIBYL_PORT uses an already running node instead.)

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const cassandra = require('cassandra-driver');
const { executeConcurrent } = require('cassandra-driver').concurrent;

const { types } = cassandra;
const REPO = process.env.SIBYL_REPO || path.resolve(__dirname, '..', '..', '..');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 180000;
const KS = 'it_node_' + Math.random().toString(16).slice(2, 10);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => (port === 9042 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });
}

function portAccepts(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    s.setTimeout(500);
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('timeout', () => { s.destroy(); resolve(false); });
    s.once('error', () => resolve(false));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class SibylProcess {
  async start() {
    this.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sibyl-it-node-'));
    this.port = await freePort();
    do { this.adminPort = await freePort(); } while (this.adminPort === this.port);
    this.outPath = path.join(this.dataDir, 'sibyl.out');
    const out = fs.openSync(this.outPath, 'w');
    // detached: its own process group, so a stuck stop can kill exactly that group.
    this.proc = spawn(path.join(REPO, 'sibyl'),
      ['start', '--data-dir', this.dataDir, '--port', String(this.port),
        '--admin-port', String(this.adminPort), '--listen', HOST],
      { cwd: REPO, detached: true, stdio: ['ignore', out, out] });
    fs.closeSync(out);
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => resolve({ code, signal }));
      this.proc.once('error', (err) => resolve({ code: null, signal: null, error: err.message }));
    });
    let exitedEarly = null;
    this.exited.then((e) => { exitedEarly = e; });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exitedEarly) throw new Error(`sibyl exited early (${JSON.stringify(exitedEarly)}):\n${this.tail()}`);
      if (await portAccepts(this.port)) {
        this.started = true;
        return;
      }
      await sleep(250);
    }
    await this.stop();
    throw new Error(`sibyl did not accept CQL connections on ${this.port} within ${START_TIMEOUT_MS} ms:\n${this.tail()}`);
  }

  tail() {
    try { return fs.readFileSync(this.outPath, 'utf8').slice(-4000); } catch { return '(no output)'; }
  }

  async stop() {
    if (!this.proc) return null;
    let result = null;
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGTERM');
      result = await Promise.race([this.exited, sleep(30000).then(() => null)]);
      if (result === null) {
        try { process.kill(-this.proc.pid, 'SIGKILL'); } catch { /* already gone */ }
        await this.exited;
      }
    } else {
      result = await this.exited;
    }
    if (!process.env.SIBYL_KEEP_DATA) fs.rmSync(this.dataDir, { recursive: true, force: true });
    return result;
  }
}

describe('Sibyl with the Node.js driver', () => {
  let node = null;
  let client;
  let port;

  before(async () => {
    if (process.env.SIBYL_PORT) {
      port = Number(process.env.SIBYL_PORT);
    } else {
      node = new SibylProcess();
      await node.start();
      port = node.port;
    }
    client = new cassandra.Client({ contactPoints: [`${HOST}:${port}`], localDataCenter: 'datacenter1' });
    await client.connect();
    await client.execute(`CREATE KEYSPACE ${KS} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`);
  });

  after(async () => {
    try {
      if (client) {
        try {
          await client.execute(`DROP KEYSPACE IF EXISTS ${KS}`);
        } finally {
          await client.shutdown();
        }
      }
    } finally {
      if (node) {
        const result = await node.stop();
        if (node.started) {
          assert.deepEqual(result, { code: 0, signal: null },
            `SIGTERM must stop the node with exit code 0:\n${node.tail()}`);
        }
      }
    }
  });

  it('connects with protocol v4 to one host in datacenter1', async () => {
    assert.equal(client.controlConnection.protocolVersion, types.protocolVersion.v4);
    const hosts = client.hosts.values();
    assert.equal(hosts.length, 1);
    assert.equal(hosts[0].datacenter, 'datacenter1');
    assert.equal(hosts[0].rack, 'rack1');
    assert.match(hosts[0].cassandraVersion, /^4\./);
    const rs = await client.execute("SELECT key, partitioner FROM system.local WHERE key = 'local'");
    assert.equal(rs.rowLength, 1);
    assert.equal(rs.first().partitioner, 'org.apache.cassandra.dht.Murmur3Partitioner');
  });

  it('reads table metadata', async () => {
    await client.execute(`CREATE TABLE ${KS}.events (tenant int, day text, at timeuuid, seq bigint,
      payload text, score double, PRIMARY KEY ((tenant, day), at, seq)) WITH CLUSTERING ORDER BY (at DESC, seq ASC)`);
    const table = await client.metadata.getTable(KS, 'events');
    assert.ok(table, 'getTable returned nothing');
    assert.deepEqual(table.partitionKeys.map((c) => c.name), ['tenant', 'day']);
    assert.deepEqual(table.clusteringKeys.map((c) => c.name), ['at', 'seq']);
    assert.deepEqual(table.clusteringOrder, ['DESC', 'ASC']);
    const byName = Object.fromEntries(table.columns.map((c) => [c.name, c.type.code]));
    const text = [types.dataTypes.text, types.dataTypes.varchar];
    assert.equal(byName.tenant, types.dataTypes.int);
    assert.ok(text.includes(byName.day), `day is ${byName.day}`);
    assert.equal(byName.at, types.dataTypes.timeuuid);
    assert.equal(byName.seq, types.dataTypes.bigint);
    assert.ok(text.includes(byName.payload), `payload is ${byName.payload}`);
    assert.equal(byName.score, types.dataTypes.double);
    assert.equal(table.columns.length, 6);
    assert.equal(await client.metadata.getTable(KS, 'no_such_table'), null);
  });

  it('runs prepared statements with typed values', async () => {
    await client.execute(`CREATE TABLE ${KS}.typed (id uuid PRIMARY KEY, n int, big bigint, name text,
      at timestamp, ok boolean, raw blob, ratio double, tu timeuuid)`);
    const id = types.Uuid.random();
    const tu = types.TimeUuid.now();
    const at = new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789));
    const big = types.Long.fromString('-9223372036854775808');
    await client.execute(`INSERT INTO ${KS}.typed (id, n, big, name, at, ok, raw, ratio, tu) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, -42, big, 'héllo ✓', at, true, Buffer.from([0, 1, 254, 255]), 0.25, tu], { prepare: true });
    const rs = await client.execute(`SELECT * FROM ${KS}.typed WHERE id = ?`, [id], { prepare: true });
    assert.equal(rs.rowLength, 1);
    const row = rs.first();
    assert.ok(row.id.equals(id));
    assert.equal(row.n, -42);
    assert.ok(row.big.equals(big));
    assert.equal(row.name, 'héllo ✓');
    assert.equal(row.at.getTime(), at.getTime());
    assert.equal(row.ok, true);
    assert.deepEqual(row.raw, Buffer.from([0, 1, 254, 255]));
    assert.equal(row.ratio, 0.25);
    assert.ok(row.tu.equals(tu));
    const none = await client.execute(`SELECT * FROM ${KS}.typed WHERE id = ?`, [types.Uuid.random()], { prepare: true });
    assert.equal(none.rowLength, 0);
  });

  it('pages through 1,000 rows, each exactly once', async () => {
    await client.execute(`CREATE TABLE ${KS}.paged (p int, c int, v text, PRIMARY KEY (p, c))`);
    const params = [];
    for (let p = 0; p < 10; p++) for (let c = 0; c < 100; c++) params.push([p, c, `v-${p}-${c}`]);
    await executeConcurrent(client, `INSERT INTO ${KS}.paged (p, c, v) VALUES (?, ?, ?)`, params,
      { concurrencyLevel: 32 });
    const query = `SELECT p, c, v FROM ${KS}.paged`;

    // 1. eachRow with autoPage.
    const viaEachRow = [];
    await new Promise((resolve, reject) => {
      client.eachRow(query, [], { prepare: true, fetchSize: 100, autoPage: true },
        (n, row) => viaEachRow.push(`${row.p}:${row.c}:${row.v}`),
        (err) => (err ? reject(err) : resolve()));
    });
    assert.equal(viaEachRow.length, 1000);
    assert.equal(new Set(viaEachRow).size, 1000);
    const expected = new Set(params.map(([p, c, v]) => `${p}:${c}:${v}`));
    assert.deepEqual(new Set(viaEachRow), expected);

    // 2. execute + pageState, one page per request.
    const viaPageState = [];
    let pageState;
    let pages = 0;
    do {
      const rs = await client.execute(query, [], { prepare: true, fetchSize: 100, pageState });
      pages++;
      assert.ok(rs.rowLength <= 100, `page of ${rs.rowLength} rows`);
      if (rs.pageState) assert.equal(rs.rowLength, 100, 'only the last page may be short');
      for (const row of rs.rows) viaPageState.push(`${row.p}:${row.c}:${row.v}`);
      pageState = rs.pageState;
    } while (pageState);
    assert.ok(pages >= 10, `${pages} pages`);
    assert.deepEqual(viaPageState, viaEachRow, 'both ways see the same rows in the same order');

    // 3. Rows inside each partition come in clustering order.
    for (let p = 0; p < 10; p++) {
      const cs = viaPageState.filter((s) => s.startsWith(`${p}:`)).map((s) => Number(s.split(':')[1]));
      assert.deepEqual(cs, [...Array(100).keys()]);
    }
  });

  it('reports server errors with Cassandra codes and messages', async () => {
    await assert.rejects(client.execute(`SELECT * FROM ${KS}.nope`), (err) => {
      assert.ok(err instanceof cassandra.errors.ResponseError);
      assert.equal(err.code, types.responseErrorCodes.invalid);
      assert.match(err.message, /table nope does not exist/);
      return true;
    });
    await assert.rejects(client.execute('SELEKT 1'), (err) => {
      assert.equal(err.code, types.responseErrorCodes.syntaxError);
      return true;
    });
  });
});
