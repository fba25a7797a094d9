// The profile of one dataset in DuckDB and in Spark (SPARK_URL; scripts/start-spark.sh) is the
// same profile: the bundled orders CSV, and a table of every kind of column with nulls,
// dates, timestamps with microseconds and text with shapes, written by DuckDB as Parquet and
// loaded into a Spark table. Counts, distinct counts, quantiles, top values, lengths, shapes and
// histograms are exact on both engines; means and standard deviations agree to the last digits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import type { DuckDBConnection } from '../../src/connections/duckdb.js';
import { profile, type Profile } from '../../src/profile/profile.js';
import { sparkUrl } from '../helpers/services.js';

const url = await sparkUrl(import.meta.url);
const DB = `spk_profile_${process.pid}`;
const ORDERS = path.resolve('examples/orders/orders.csv');

// Every kind of column, with nulls and ties among the top values.
const KINDS = `SELECT CAST(i AS BIGINT) AS id,
  CASE WHEN i % 10 = 0 THEN NULL ELSE ['AB-12', 'cd-34', 'Ef 5', 'gh_78x', 'IJ-90'][1 + i % 5] END AS code,
  CASE WHEN i % 7 = 0 THEN NULL WHEN i = 13 THEN -12.5 ELSE i / 4 END AS score,
  CAST((i * 37 % 1000) / 100 AS DECIMAL(10,2)) AS amount,
  CASE WHEN i % 11 = 0 THEN NULL ELSE DATE '2026-01-01' + CAST(i % 40 AS INTEGER) END AS day,
  TIMESTAMP '2024-02-28 23:59:59.5' + to_microseconds(i * 3600123457) AS at,
  i % 3 = 0 AS ok,
  CASE WHEN i % 4 = 0 THEN NULL ELSE 'note ' || (i % 6) || CASE WHEN i % 9 = 0 THEN ' é' ELSE '' END END AS note
  FROM range(1, 301) AS r(i)`;

/** What must agree: everything but where it ran, when, and the engine's spelling of the types. */
function comparable(p: Profile) {
  return {
    rows: p.rows,
    columns: p.columns.map(({ type: _type, mean, stddev, ...c }) => ({ ...c, mean: round(mean), stddev: round(stddev) })),
  };
}
const round = (x: number | null) => (x === null || !Number.isFinite(x) ? x : Number(x.toPrecision(12)));

describe.skipIf(!url)('profile on Spark and on DuckDB', () => {
  let duck: DuckDBConnection;
  let spark: ServerConnection;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'assay-spk-profile-'));
    duck = await openConnection({ kind: 'duckdb' });
    await duck.exec(`CREATE TABLE orders AS SELECT * FROM read_csv(${duck.dialect.literal(ORDERS)})`);
    await duck.exec(`CREATE TABLE kinds AS ${KINDS}`);
    spark = await openConnection({ kind: 'spark', url: url!, options: { statementTimeoutMs: 300_000 } });
    await spark.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`);
    await spark.exec(`CREATE DATABASE ${DB}`);
    for (const t of ['orders', 'kinds']) {
      const file = path.join(dir, `${t}.parquet`);
      await duck.exec(`COPY ${t} TO ${duck.dialect.literal(file)} (FORMAT parquet)`);
      await spark.exec(`CREATE TABLE ${DB}.${t} USING parquet AS SELECT * FROM parquet.\`${file}\``);
    }
  }, 300_000);
  afterAll(async () => {
    await spark?.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`).catch(() => {});
    await spark?.close();
    await duck?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.each(['orders', 'kinds'])('the %s table: the same profile on both engines', { timeout: 300_000 }, async (t) => {
    const onDuck = await profile(duck, t);
    const onSpark = await profile(spark, `${DB}.${t}`);
    expect(onSpark.engine).toBe('spark');
    expect(onSpark.scans).toBe(onDuck.scans);
    expect(comparable(onSpark)).toEqual(comparable(onDuck));
  });

  it('the figures are the known ones', { timeout: 300_000 }, async () => {
    const p = await profile(spark, `${DB}.kinds`);
    const col = (name: string) => p.columns.find((c) => c.name === name)!;
    expect(p.rows).toBe(300);
    expect(col('code')).toMatchObject({ kind: 'string', nulls: 30, distinct: 5, length: { min: 4, max: 6 } });
    expect(col('code').patterns!.exact.top[0]).toEqual({ value: 'AA-99', count: 90 });
    expect(col('score')).toMatchObject({ kind: 'numeric', nulls: 42 });
    expect(col('day')).toMatchObject({ kind: 'temporal', nulls: 27, distinct: 40, min: '2026-01-01', max: '2026-02-09' });
    // Discrete quantiles: the first value whose cumulative share reaches q.
    const days = Array.from({ length: 300 }, (_, k) => k + 1)
      .filter((i) => i % 11 !== 0)
      .map((i) => new Date(Date.UTC(2026, 0, 1 + (i % 40))).toISOString().slice(0, 10))
      .sort();
    expect(col('day').quantiles).toEqual(
      col('day').quantiles.map(({ q }) => ({ q, value: days[Math.max(0, Math.ceil(q * days.length) - 1)] })),
    );
    expect(col('at').quantiles[0]).toEqual({ q: 0, value: '2024-02-29 00:59:59.623457' });
    expect(col('ok')).toMatchObject({
      kind: 'boolean',
      distinct: 2,
      top_values: [
        { value: 'false', count: 200 },
        { value: 'true', count: 100 },
      ],
    });
  });
});
