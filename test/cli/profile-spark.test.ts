// `assay profile spark` and `assay suggest spark` against a real Spark (SPARK_URL;
// scripts/start-spark.sh), as a user runs them: the table is profiled in place, the URL comes from
// the environment only, and a suite suggested from a Spark table passes there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import { sparkUrl } from '../helpers/services.js';
import { assay, workdir } from './run-cli.js';

const url = await sparkUrl(import.meta.url);
const DB = `spk_cli_profile_${process.pid}`;
const ORDERS = path.resolve('examples/orders/orders.csv');

describe.skipIf(!url)('assay profile spark', () => {
  let admin: ServerConnection;
  beforeAll(async () => {
    admin = await openConnection({ kind: 'spark', url: url! });
    await admin.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`);
    await admin.exec(`CREATE DATABASE ${DB}`);
    // The bundled orders, read by Spark itself from the CSV.
    await admin.exec(`CREATE TABLE ${DB}.orders_csv USING csv OPTIONS (path '${ORDERS}', header 'true', inferSchema 'true')`);
    await admin.exec(`CREATE TABLE ${DB}.orders USING parquet AS SELECT * FROM ${DB}.orders_csv`);
  }, 180_000);
  afterAll(async () => {
    await admin?.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`).catch(() => {});
    await admin?.close();
  }, 60_000);

  it('profiles a table in place: the figures of the data, JSON and HTML', { timeout: 180_000 }, () => {
    const dir = workdir({});
    const r = assay(
      ['profile', 'spark', '--table', `${DB}.ORDERS`, '--json', path.join(dir, 'p.json'), '--html', path.join(dir, 'p.html')],
      { env: { SPARK_URL: url! } },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`Profile of spark://127\\.0\\.0\\.1:\\d+/default table \`${DB}\`\\.\`ORDERS\`: 200 rows, 7 columns`),
    );
    const p = JSON.parse(readFileSync(path.join(dir, 'p.json'), 'utf8'));
    expect(p.engine).toBe('spark');
    const col = (name: string) => p.columns.find((c: { name: string }) => c.name === name);
    expect(col('order_id')).toMatchObject({ kind: 'numeric', nulls: 0, distinct: 200, min: 1001, max: 1200 });
    expect(col('status')).toMatchObject({ kind: 'string', nulls: 0 });
    expect(readFileSync(path.join(dir, 'p.html'), 'utf8')).toContain('<svg class="chart histogram"');
  });

  it('suggests a suite from a Spark table that passes on it', { timeout: 300_000 }, () => {
    const dir = workdir({});
    const suite = path.join(dir, 'orders.yml');
    const s = assay(['suggest', 'spark', '--table', `${DB}.orders`, '--out', suite], { env: { SPARK_URL: url! } });
    expect(s.code, s.stderr).toBe(0);
    expect(readFileSync(suite, 'utf8')).toContain('expect_column_values_to_be_unique');
    const v = assay(['validate', 'spark', '--table', `${DB}.orders`, '--suite', suite], { env: { SPARK_URL: url! } });
    expect(v.code, v.stdout + v.stderr).toBe(0);
  });

  it('reads --sql and --url-env; a URL on the command line, a missing table and no URL are refused', { timeout: 180_000 }, () => {
    const q = assay(['profile', 'spark', '--url-env', 'WAREHOUSE', '--sql', `SELECT status FROM ${DB}.orders;`, '--quiet'], {
      env: { SPARK_URL: '', WAREHOUSE: url! },
    });
    expect(q.code, q.stderr).toBe(0);
    const missing = assay(['profile', 'spark', '--table', `${DB}.nope`], { env: { SPARK_URL: url! } });
    expect(missing.code, missing.stderr).toBe(3);
    expect(missing.stderr).toMatch(/no table or view/);
    const both = assay(['profile', 'spark'], { env: { SPARK_URL: url! } });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/name what to profile in Spark: --table/);
    const pasted = assay(['profile', url!, '--table', `${DB}.orders`]);
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toMatch(/do not put a database URL on the command line/);
    const unset = assay(['profile', 'spark', '--table', `${DB}.orders`], { env: { SPARK_URL: '' } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/set SPARK_URL/);
  });
});
