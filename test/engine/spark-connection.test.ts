// The Spark connection against a real Spark Thrift server (SPARK_URL; scripts/start-spark.sh):
// values come back as the DuckDB connection gives them, the session is read-only when asked, a
// statement past its limit is cancelled, a server that is down or a connection that drops is
// a AssayDataError (exit 3), never a hang, and a large result is read in batches.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssayDataError } from '../../src/errors.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { describeUrl, SparkConnection, SparkError } from '../../src/connections/spark.js';
import type { Row } from '../../src/engine/types.js';
import { sparkUrl } from '../helpers/services.js';

const url = await sparkUrl(import.meta.url);

describe('describeUrl', () => {
  it('never repeats the user or password of a URL', () => {
    expect(describeUrl('spark://alice:s3cret@spark.example:10000/sales')).toBe('spark://spark.example:10000/sales');
    expect(describeUrl('spark+https://token:dapi123@adb-1.azuredatabricks.net/sql/1.0/warehouses/abc')).toBe(
      'spark+https://adb-1.azuredatabricks.net/sql/1.0/warehouses/abc',
    );
  });
});

describe('SparkConnection, server down', () => {
  it('a refused connection is a AssayDataError without the password', async () => {
    const err = await SparkConnection.open('spark://u:topsecret@127.0.0.1:1/default').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssayDataError);
    expect((err as Error).message).toMatch(/spark:\/\/127\.0\.0\.1:1\/default: cannot reach the Spark server \(ECONNREFUSED\)/);
    expect((err as Error).message).not.toContain('topsecret');
  });
});

describe.skipIf(!url)('SparkConnection', () => {
  let conn: SparkConnection;
  beforeAll(async () => {
    conn = await SparkConnection.open(url!, { readOnly: true, statementTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    await conn?.close();
  });

  it('returns the values the DuckDB connection returns', async () => {
    const sql = `SELECT CAST(12345678901234 AS BIGINT) AS b, CAST(1.5 AS DECIMAL(10,2)) AS dec, CAST('2020-01-02' AS DATE) AS d,
      CAST('2020-01-02 03:04:05.123' AS TIMESTAMP) AS ts, CAST('NaN' AS DOUBLE) AS nan, CAST(0.1 AS DOUBLE) AS x,
      CAST(2.5 AS FLOAT) AS f, TRUE AS t, 'x' AS s, NULL AS n, CAST(7 AS SMALLINT) AS sm`;
    const duck = await DuckDBConnection.open();
    try {
      const [fromDuck] = await duck.query(sql);
      const [fromSpark] = await conn.query(sql);
      expect(fromSpark).toEqual(fromDuck);
    } finally {
      await duck.close();
    }
    const [big] = await conn.query('SELECT CAST(9007199254740993 AS BIGINT) AS b, count(*) AS n, array(CAST(1 AS BIGINT), 2) AS l');
    expect(big).toEqual({ b: '9007199254740993', n: 1, l: [1, 2] });
    // Dates, timestamps and NaN stand bare in the server's text of an array (no JSON).
    const [nested] = await conn.query(`SELECT array(DATE '2020-01-02', NULL) AS d, array(TIMESTAMP '2020-01-02 03:04:05.123') AS ts,
      array(1.5D, CAST('NaN' AS DOUBLE), CAST('-Infinity' AS DOUBLE)) AS x, array('a,b', 'c]') AS s,
      named_struct('k', DATE '2020-01-02', 'n', CAST('NaN' AS DOUBLE)) AS st, map(1, DATE '2020-01-03') AS m`);
    expect(nested).toEqual({
      d: ['2020-01-02', null],
      ts: ['2020-01-02 03:04:05.123'],
      x: [1.5, NaN, -Infinity],
      s: ['a,b', 'c]'],
      st: { k: '2020-01-02', n: NaN },
      m: { 1: '2020-01-03' },
    });
  });

  it('spells column types as Spark does', async () => {
    const cols = await conn.columns("(SELECT CAST(1 AS DECIMAL(10,2)) AS `d`, array(1) AS `Arr`, 'x' AS s, CAST(1 AS INT) AS i) AS q");
    expect(cols).toEqual([
      { name: 'd', type: 'DECIMAL(10,2)' },
      { name: 'Arr', type: 'ARRAY<INT>' },
      { name: 's', type: 'STRING' },
      { name: 'i', type: 'INT' },
    ]);
    expect(await conn.engineInfo()).toMatchObject({ name: 'spark', version: expect.stringMatching(/^\d+\.\d+/) });
  });

  it('runs only reading statements when read-only', async () => {
    await expect(conn.query('CREATE DATABASE assay_never')).rejects.toThrow(/read-only/);
    await expect(conn.exec('DROP TABLE IF EXISTS x')).rejects.toThrow(/read-only/);
  });

  it("a statement error is the statement's, and the connection stays usable", async () => {
    const err = await conn.query('SELECT nope FROM range(1)').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(AssayDataError);
    expect((err as Error).message).toMatch(/^\[UNRESOLVED_COLUMN/);
    expect(await conn.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await conn.resolveTable('no_such_db_assay.t')).toBeNull();
  });

  it('cancels a statement past its limit: a AssayDataError naming the limit', async () => {
    const short = await SparkConnection.open(url!, { statementTimeoutMs: 1_000 });
    try {
      const started = Date.now();
      const err = await short.query('SELECT count(*) AS n FROM range(0, 1000000000000)').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AssayDataError);
      expect((err as Error).message).toMatch(/ran past the 1 s limit and was cancelled/);
      expect(Date.now() - started).toBeLessThan(40_000);
    } finally {
      await short.close();
    }
  });

  it('a connection dropped mid-query is a AssayDataError, never a hang', async () => {
    // A proxy between client and server, cut while the query runs: the connection drops as it
    // would when the server dies or the network goes.
    const proxy = await proxied(url!);
    const viaProxy = await SparkConnection.open(proxy.url);
    try {
      const started = Date.now();
      const running = viaProxy.query('SELECT count(*) AS n FROM range(0, 1000000000000)').catch((e: unknown) => e);
      await new Promise((res) => setTimeout(res, 1_500));
      proxy.cut();
      const err = await running;
      expect(err).toBeInstanceOf(AssayDataError);
      expect((err as Error).message).toMatch(/spark:\/\/127\.0\.0\.1:\d+\/default: the connection was (lost|closed)/);
      expect(Date.now() - started).toBeLessThan(10_000);
      await expect(viaProxy.query('SELECT 1')).rejects.toBeInstanceOf(AssayDataError);
    } finally {
      await viaProxy.close();
      proxy.close();
    }
  });
});

/** Sockets through a proxy to the server, to cut the connection as a dying server or network would. */
async function proxied(url: string): Promise<{ url: string; cut(): void; close(): void }> {
  const target = new URL(url);
  const sockets: net.Socket[] = [];
  const proxy = net.createServer((client) => {
    const server = net.connect(Number(target.port || 10000), target.hostname);
    sockets.push(client, server);
    client.pipe(server).pipe(client);
    client.on('error', () => {});
    server.on('error', () => {});
  });
  await new Promise<void>((res) => proxy.listen(0, '127.0.0.1', res));
  const port = (proxy.address() as net.AddressInfo).port;
  return {
    url: `spark://127.0.0.1:${port}${target.pathname}`,
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => proxy.close(),
  };
}

describe.skipIf(!url)('SparkConnection.batches', () => {
  let conn: SparkConnection;
  beforeAll(async () => {
    conn = await SparkConnection.open(url!, { readOnly: true, statementTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    await conn?.close();
  });
  // Four partitions, so the rows come from several tasks.
  const ROWS = `SELECT id, concat('r', id) AS s FROM range(0, 2500, 1, 4) ORDER BY id`;

  it('gives batches of the requested size, every row once and in order, as query gives them', async () => {
    const sizes: number[] = [];
    const all: Row[] = [];
    for await (const batch of conn.batches(ROWS, 1000)) {
      sizes.push(batch.length);
      all.push(...batch);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(all).toEqual(Array.from({ length: 2500 }, (_, i) => ({ id: i, s: `r${i}` })));
    expect(all).toEqual(await conn.query(ROWS));
    const ones: number[] = [];
    for await (const batch of conn.batches('SELECT id FROM range(0, 3)', 1)) ones.push(batch.length);
    expect(ones).toEqual([1, 1, 1]);
    for await (const batch of conn.batches('SELECT id FROM range(0, 0)', 10)) expect.unreachable(`no batch, got ${batch.length} rows`);
  });

  it('refuses a writing statement on a read-only connection, and raises a refused one', async () => {
    const first = (sql: string) => conn.batches(sql, 10)[Symbol.asyncIterator]().next();
    await expect(first('DROP TABLE IF EXISTS x')).rejects.toThrow(/read-only/);
    const err = await first('SELECT nope FROM range(1)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SparkError);
    expect((err as Error).message).toMatch(/^\[UNRESOLVED_COLUMN/);
  });

  it('raises an error met mid-way, after the batches before it; the connection stays usable', async () => {
    // With incremental collect the server computes one partition per fetch, so the failing
    // partition (the second) fails a FetchResults after the first partition's rows arrived.
    const own = await SparkConnection.open(url!, { statementTimeoutMs: 120_000 });
    try {
      await own.exec('SET spark.sql.thriftServer.incrementalCollect=true');
      const seen: number[] = [];
      const sql = "SELECT CASE WHEN id < 1500 THEN id ELSE raise_error('boom at 1500') END AS x FROM range(0, 3000, 1, 3)";
      const err = await (async () => {
        for await (const batch of own.batches(sql, 500)) seen.push(batch[0]!.x as number);
      })().catch((e: unknown) => e);
      expect(seen).toEqual([0, 500]);
      expect(err).toBeInstanceOf(SparkError);
      expect(err).not.toBeInstanceOf(AssayDataError);
      expect((err as Error).message).toMatch(/^\[USER_RAISED_EXCEPTION\] boom at 1500/);
      expect(await own.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await own.close();
    }
  });

  it('a connection dropped between batches is a AssayDataError, never a hang', async () => {
    const proxy = await proxied(url!);
    const viaProxy = await SparkConnection.open(proxy.url);
    try {
      let batches = 0;
      const started = Date.now();
      const err = await (async () => {
        for await (const batch of viaProxy.batches(ROWS, 100)) {
          expect(batch).toHaveLength(100);
          if (++batches === 1) proxy.cut();
        }
      })().catch((e: unknown) => e);
      expect(batches).toBe(1);
      expect(err).toBeInstanceOf(AssayDataError);
      expect((err as Error).message).toMatch(/spark:\/\/127\.0\.0\.1:\d+\/default: the connection was (lost|closed)/);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await viaProxy.close();
      proxy.close();
    }
  });

  it('closes the operation on the server when the consumer stops early', async () => {
    // The operation handle the server gave, caught on its way from the session: after the
    // break, the server no longer knows it.
    const session = (conn as unknown as { session: { executeStatement: (...a: unknown[]) => Promise<unknown> } }).session;
    const submit = session.executeStatement.bind(session);
    let op: { status(p: boolean): Promise<{ operationState: number }> } | undefined;
    session.executeStatement = async (...a: unknown[]) => (op = (await submit(...a)) as typeof op);
    try {
      for await (const batch of conn.batches(ROWS, 100)) {
        expect(batch).toHaveLength(100);
        break;
      }
    } finally {
      session.executeStatement = submit;
    }
    await expect(op!.status(false)).rejects.toMatchObject({ message: expect.stringMatching(/Invalid OperationHandle/) });
    expect(await conn.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });
});
