// The PostgreSQL connection against a real server (DATABASE_URL): values come back as the DuckDB
// connection gives them, connection failures are AssayDataErrors, the safe cast never raises.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { classifyPostgresError, describeUrl, PostgresConnection, pgTypeName } from '../../src/connections/postgres.js';
import { validate } from '../../src/engine/validate.js';
import { AssayDataError } from '../../src/errors.js';
import { postgresUrl } from '../helpers/services.js';

const url = await postgresUrl(import.meta.url);

describe('pgTypeName', () => {
  it('shortens format_type spellings to the usual names', () => {
    expect(pgTypeName('timestamp without time zone')).toBe('TIMESTAMP');
    expect(pgTypeName('character varying(12)')).toBe('VARCHAR(12)');
    expect(pgTypeName('numeric(10,2)')).toBe('NUMERIC(10,2)');
    expect(pgTypeName('integer[]')).toBe('INTEGER[]');
    expect(pgTypeName('double precision')).toBe('DOUBLE PRECISION');
  });
  it('never repeats the password of a URL', () => {
    expect(describeUrl('postgres://alice:s3cret@db.example:6543/sales?sslmode=require')).toBe('postgres://db.example:6543/sales');
    const err = classifyPostgresError(Object.assign(new Error('Connection terminated unexpectedly'), {}), 'postgres://h/db');
    expect(err).toBeInstanceOf(AssayDataError);
    expect(classifyPostgresError(Object.assign(new Error('invalid regular expression'), { code: '2201B' }), 'x')).toBeNull();
  });
});

describe.skipIf(!url)('PostgresConnection', () => {
  let conn: PostgresConnection;
  beforeAll(async () => {
    conn = await PostgresConnection.open(url!);
  });
  afterAll(async () => {
    await conn?.close();
  });

  it('returns the values the DuckDB connection returns', async () => {
    const sql = `SELECT CAST(12345678901234 AS BIGINT) AS b, CAST(1.5 AS DECIMAL(10,2)) AS dec, CAST('2020-01-02' AS DATE) AS d,
      CAST('2020-01-02 03:04:05.123' AS TIMESTAMP) AS ts, CAST('2020-01-02 03:04:05+02' AS TIMESTAMPTZ) AS tz,
      CAST('NaN' AS DOUBLE PRECISION) AS nan, TRUE AS t, 'x' AS s, NULL AS n`;
    const duck = await DuckDBConnection.open();
    try {
      const [fromDuck] = await duck.query(sql);
      const [fromPg] = await conn.query(sql);
      expect(fromPg).toEqual(fromDuck);
    } finally {
      await duck.close();
    }
    const [big] = await conn.query('SELECT CAST(9007199254740993 AS BIGINT) AS b, count(*) AS n, ARRAY[CAST(1 AS BIGINT), 2] AS l');
    expect(big).toEqual({ b: '9007199254740993', n: 1, l: [1, 2] });
  });

  it('tryCast yields NULL for text PostgreSQL would refuse, never an error', async () => {
    const d = conn.dialect;
    const cases: [string, string, unknown][] = [
      ['12', 'INTEGER', 12],
      ['abc', 'INTEGER', null],
      ['99999999999', 'INTEGER', null],
      ['2020-02-29', 'DATE', '2020-02-29'],
      ['2021-02-29', 'DATE', null],
      ['2020-01-01T10:11:12', 'TIMESTAMP', '2020-01-01 10:11:12'],
      ['2020-01-01 25:00:00', 'TIMESTAMP', null],
      ['1e999', 'DOUBLE PRECISION', null],
      ['yes', 'BOOLEAN', true],
      ['1234.5', 'NUMERIC(5,2)', null],
    ];
    const sql = `SELECT ${cases.map(([v, t], i) => `${d.tryCast(d.literal(v), t)} AS c${i}`).join(', ')}`;
    const [row] = await conn.query(sql);
    cases.forEach(([, , want], i) => expect(row![`c${i}`], `${cases[i]![0]} as ${cases[i]![1]}`).toEqual(want));
    // The same guard over a column, row by row.
    const [col] = await conn.query(`SELECT count(${d.tryCast('v', 'INTEGER')}) AS n FROM (VALUES ('1'), ('x'), ('3000000000')) AS t(v)`);
    expect(col!.n).toBe(1);
  });

  it('accepts one statement per query', async () => {
    await expect(conn.query('SELECT 1; SELECT 2')).rejects.toThrow(/multiple commands/);
    expect(await conn.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('a query error is an ordinary error; the connection stays usable', async () => {
    const err = await conn.query(`SELECT 'a' ~ '('`).catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(AssayDataError);
    expect(await conn.query('SELECT 2 AS ok')).toEqual([{ ok: 2 }]);
  });

  it('a statement past statement_timeout is an AssayDataError', async () => {
    const slow = await PostgresConnection.open(url!, { statementTimeoutMs: 200 });
    try {
      const err = await slow.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AssayDataError);
      expect((err as Error).message).toMatch(/statement timeout/);
    } finally {
      await slow.close();
    }
  });

  it('a connection terminated mid-validation is an AssayDataError, at once', async () => {
    const victim = await PostgresConnection.open(url!, { applicationName: 'assay-terminate-test' });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await victim.exec('CREATE TEMP TABLE big AS SELECT i AS x FROM generate_series(1, 200) AS i');
      const relation = '(SELECT x, pg_sleep(0.05) AS s FROM big) AS t';
      const started = Date.now();
      const running = validate(
        victim,
        relation,
        {
          name: 'slow',
          expectations: [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x' }, severity: 'error' }],
        },
        { catalogue: await loadCatalogue() },
      ).catch((e: unknown) => e);
      // Wait until the scan is running, then end its backend from another connection.
      for (let i = 0; i < 100; i++) {
        const r = await admin.query(
          `SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE application_name = 'assay-terminate-test' AND query LIKE '%pg_sleep%' AND state = 'active'`,
        );
        if (r.rowCount) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      const err = await running;
      expect(err).toBeInstanceOf(AssayDataError);
      expect((err as Error).message).toMatch(/terminat|connection/i);
      expect(Date.now() - started).toBeLessThan(8_000);
      // Later calls fail at once with the same error instead of waiting on a dead socket.
      await expect(victim.query('SELECT 1')).rejects.toBeInstanceOf(AssayDataError);
    } finally {
      await admin.end();
      await victim.close();
    }
  });

  it('an unreachable server is an AssayDataError without the password', async () => {
    const err = await PostgresConnection.open('postgres://u:topsecret@127.0.0.1:1/x', { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssayDataError);
    expect((err as Error).message).not.toContain('topsecret');
  });
});
