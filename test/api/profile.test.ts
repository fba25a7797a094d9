// profile() from a caller's side: files, records, and tables of PostgreSQL and Spark in place
// (DATABASE_URL, SPARK_URL), the same figures wherever the data lives; problems as typed errors.
// Imports only the package root (src/index.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssayDataError, AssayUsageError, profile, type Profile } from '../../src/index.js';
import { ROOT } from '../cli/run-cli.js';
import { postgresUrl, sparkUrl } from '../helpers/services.js';

const ORDERS = path.join(ROOT, 'examples/orders/orders.csv');
const pg = await postgresUrl(import.meta.url);
const spark = await sparkUrl(import.meta.url);

/** The figures, without where and when they were computed or the engine's type names (and the last digits of a standard deviation). */
const figures = (p: Profile) => ({
  rows: p.rows,
  columns: p.columns.map(({ type: _type, stddev, ...c }) => ({ ...c, stddev: stddev === null ? null : Number(stddev.toPrecision(12)) })),
});

// The same 60 rows in each engine's SQL, and as records.
const RECORDS = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, code: ['AB-1', 'cd-22', null][i % 3], score: (i % 7) * 1.5 + 0.25 }));
const values = (bigint: string, text: string, dbl: string) =>
  RECORDS.map(
    (r) => `(CAST(${r.id} AS ${bigint}), CAST(${r.code === null ? 'NULL' : `'${r.code}'`} AS ${text}), CAST(${r.score} AS ${dbl}))`,
  ).join(', ');

describe('profile()', () => {
  it('profiles files as assay profile does, and records alike', async () => {
    const p = await profile(ORDERS, { top: 3 });
    expect(p).toMatchObject({ engine: 'duckdb', rows: 200, source: expect.stringContaining('orders.csv') });
    expect(p.columns.find((c) => c.name === 'order_id')).toMatchObject({ kind: 'numeric', distinct: 200, min: 1001, max: 1200 });
    expect(p.columns.find((c) => c.name === 'status')!.top_values).toHaveLength(3);
    const q = await profile(ORDERS, { sql: 'SELECT status FROM assay_input WHERE amount > 500' });
    expect(q.columns.map((c) => c.name)).toEqual(['status']);
    const r = await profile(RECORDS);
    expect(r.rows).toBe(60);
    expect(r.columns.find((c) => c.name === 'code')).toMatchObject({ nulls: 20, distinct: 2 });
  });

  it('refuses a server source without a table or a query, and an unknown engine', async () => {
    await expect(profile({ engine: 'spark', url: 'spark://127.0.0.1:1/default' })).rejects.toThrow(AssayUsageError);
    await expect(profile({ engine: 'oracle', url: 'x' }, { table: 't' })).rejects.toThrow(/no server engine called "oracle"/);
  });

  it.skipIf(!pg)('profiles a PostgreSQL query in place: the figures of the same records', async () => {
    const p = await profile(
      { engine: 'postgres', url: pg! },
      { sql: `SELECT * FROM (VALUES ${values('BIGINT', 'TEXT', 'DOUBLE PRECISION')}) AS t(id, code, score)` },
    );
    expect(p.engine).toBe('postgres');
    expect(figures(p)).toEqual(figures(await profile(RECORDS)));
  });

  it.skipIf(!spark)('profiles a Spark query in place: the figures of the same records', { timeout: 120_000 }, async () => {
    const p = await profile(
      { engine: 'spark', url: spark! },
      { sql: `SELECT * FROM VALUES ${values('BIGINT', 'STRING', 'DOUBLE')} AS t(id, code, score)` },
    );
    expect(p).toMatchObject({ engine: 'spark', source: expect.stringMatching(/^spark:\/\/127\.0\.0\.1:\d+\/default SQL query$/) });
    expect(figures(p)).toEqual(figures(await profile(RECORDS)));
  });

  it.skipIf(!spark)('a missing Spark table is an AssayDataError naming the server, never the password', { timeout: 60_000 }, async () => {
    const u = new URL(spark!);
    u.username = 'someone';
    u.password = 'topsecret';
    const err = await profile({ engine: 'spark', url: u.toString() }, { table: 'spk_no_such_db.nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssayDataError);
    expect((err as Error).message).toMatch(/no table or view "spk_no_such_db.nope"/);
    expect((err as Error).message).not.toContain('topsecret');
  });
});
