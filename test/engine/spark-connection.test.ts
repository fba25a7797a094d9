// The Spark connection against a real Spark Thrift server (SPARK_URL; scripts/start-spark.sh):
// values come back as the DuckDB connection gives them, the session is read-only when asked, a
// statement past its limit is cancelled, and a server that is down or a connection that drops is
// a AssayDataError (exit 3), never a hang.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssayDataError } from '../../src/errors.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { describeUrl, SparkConnection } from '../../src/connections/spark.js';
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
    const target = new URL(url!);
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
    const viaProxy = await SparkConnection.open(`spark://127.0.0.1:${port}${target.pathname}`);
    try {
      const started = Date.now();
      const running = viaProxy.query('SELECT count(*) AS n FROM range(0, 1000000000000)').catch((e: unknown) => e);
      await new Promise((res) => setTimeout(res, 1_500));
      for (const s of sockets) s.destroy();
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
