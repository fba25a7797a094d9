// `load: {reconcile: …}`: the target compared by key with its source after every row is written
// and before the load commits. A load that lost or changed rows (a lossy transform here) rolls
// back and the run ends `blocked`; a correct one commits. DuckDB, Parquet and PostgreSQL targets;
// on PostgreSQL only keys and hashes cross into the working database.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssayConfigError } from '../../src/errors.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import { project, queryFile, run, write } from './helpers.js';
import { postgresUrl } from '../helpers/services.js';

const URL = await postgresUrl(import.meta.url);

const A = 'id,amount,note\n1,10.5,a\n2,20.25,b\n3,30,c\n4,40,d\n';
const B = 'id,amount,note\n5,50,e\n6,60.75,f\n';

/**
 * Staged CSV → `raw` → a transform into `clean` → load. `lossy` drops rows over 45 and rounds
 * amounts: the reconciliation with `raw` must catch both.
 */
function reconcilePipeline(target: string, opts: { lossy?: boolean; mode?: string; reconcile?: string; table?: string } = {}): string {
  const transform = opts.lossy
    ? 'SELECT id, CAST(round(amount) AS DECIMAL(10,2)) AS amount, note FROM raw WHERE amount < 45'
    : 'SELECT id, amount, note FROM raw';
  return `name: reconciled
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT id, CAST(amount AS DECIMAL(10,2)) AS amount, note FROM files"}
  - transform: {table: clean, sql: "${transform}"}
load:
  target: ${target}
  table: ${opts.table ?? 'orders'}
  mode: ${opts.mode ?? 'append'}
  keys: [id]
  reconcile: ${opts.reconcile ?? '{source: raw}'}
`;
}

const reconcileResult = (r: { suites: { results: { result: Record<string, unknown> }[] }[] }) => r.suites.at(-1)!.results[0]!.result;

describe('reconcile on DuckDB and Parquet targets', () => {
  it('DuckDB: a correct load commits; a lossy one rolls back, blocked, with what was lost and changed', async () => {
    const dir = project({ 'pipeline.yml': reconcilePipeline('{type: duckdb, path: wh.duckdb}'), 'staging/a.csv': A });
    const first = await run(dir);
    expect(first).toMatchObject({ status: 'loaded', load: { rows: 4 } });
    expect(first.steps.at(-1)).toMatchObject({ kind: 'reconcile', table: 'orders', in_place: 'duckdb', success: true });
    expect(reconcileResult(first).observed_value).toEqual({ rows: 4, other_rows: 4, missing: 0, extra: 0, changed: 0, duplicate_keys: 0 });
    const wh = path.join(dir, 'wh.duckdb');
    const before = await queryFile(wh, 'SELECT * FROM orders ORDER BY id');

    write(dir, { 'pipeline.yml': reconcilePipeline('{type: duckdb, path: wh.duckdb}', { lossy: true }), 'staging/b.csv': B });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1, load: null });
    expect(r.gate_reasons?.[0]).toBe('target:orders: expect_table_to_match_other_table failed (error)');
    // Row 5 (50) and 6 (60.75) were dropped; the earlier rows 1-4 are extra, which an append allows.
    expect(reconcileResult(r).observed_value).toEqual({ rows: 4, other_rows: 2, missing: 2, extra: 4, changed: 0, duplicate_keys: 0 });
    expect(reconcileResult(r).details).toMatchObject({ samples: { missing: [{ id: 5 }, { id: 6 }] } });
    expect(await queryFile(wh, 'SELECT * FROM orders ORDER BY id')).toEqual(before);
    // The result was written after the rollback, not lost with it.
    expect(
      await queryFile(
        path.join(r.run_dir, 'work.duckdb'),
        "SELECT count(*) AS n FROM assay_validation_results WHERE expectation_type = 'expect_table_to_match_other_table' AND NOT success",
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('Parquet: changed values are caught before the rename; the old file stays', async () => {
    const dir = project({
      'pipeline.yml': reconcilePipeline('{type: parquet, dir: lake}', { mode: 'replace', reconcile: '{source: raw, key: id}' }),
      'staging/a.csv': A,
    });
    expect(await run(dir)).toMatchObject({ status: 'loaded', load: { rows: 4 } });
    const file = path.join(dir, 'lake/orders.parquet');
    const before = await queryFile(':memory:', `SELECT * FROM '${file}' ORDER BY id`);
    // Rounds 10.5 and 20.25 (rows 1, 2), keeps every row: changed, not missing.
    write(dir, {
      'pipeline.yml': reconcilePipeline('{type: parquet, dir: lake}', { mode: 'replace', reconcile: '{source: raw, key: id}' }).replace(
        'SELECT id, amount, note FROM raw',
        'SELECT id, CAST(round(amount) AS DECIMAL(10,2)) AS amount, note FROM raw',
      ),
    });
    const r = await run(dir, { force: true });
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1 });
    expect(reconcileResult(r).observed_value).toEqual({ rows: 4, other_rows: 4, missing: 0, extra: 0, changed: 2, duplicate_keys: 0 });
    expect(reconcileResult(r).details).toMatchObject({
      changed_columns: { amount: 2 },
      // Both sides are read by the working database: the samples carry both values.
      samples: {
        changed: [
          { key: { id: 1 }, columns: { amount: { self: 11, other: 10.5 } } },
          { key: { id: 2 }, columns: { amount: { self: 20, other: 20.25 } } },
        ],
      },
    });
    expect(await queryFile(':memory:', `SELECT * FROM '${file}' ORDER BY id`)).toEqual(before);
  });
});

describe.skipIf(!URL)('reconcile on a PostgreSQL target: keys and hashes cross', () => {
  const schema = `assay_reconcile_${randomBytes(4).toString('hex')}`;
  let client: pg.Client;
  const q = async (sql: string) => (await client.query(sql)).rows;
  const target = `{type: postgres, url_env: DATABASE_URL, schema: ${schema}}`;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await client?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client?.end();
  });

  it('a correct upsert commits; the target keeps its earlier rows (extra is allowed)', async () => {
    const dir = project({ 'pipeline.yml': reconcilePipeline(target, { mode: 'upsert' }), 'staging/a.csv': A });
    const first = await run(dir);
    expect(first).toMatchObject({ status: 'loaded', load: { rows: 4 } });
    expect(first.steps.at(-1)).toMatchObject({ kind: 'reconcile', in_place: 'postgres', success: true });
    write(dir, { 'staging/b.csv': `${B}3,31,c2\n` });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'loaded', load: { rows: 3 } });
    expect(reconcileResult(r).observed_value).toEqual({ rows: 6, other_rows: 3, missing: 0, extra: 3, changed: 0, duplicate_keys: 0 });
    // Only the target's keys and one hash per compared column came over: 6 rows.
    expect(reconcileResult(r).details).toMatchObject({ moved: { rows: 6, columns: ['k0', 'h0', 'h1'] } });
    expect(await q(`SELECT id::int, amount::float FROM ${schema}.orders ORDER BY id`)).toEqual([
      { id: 1, amount: 10.5 },
      { id: 2, amount: 20.25 },
      { id: 3, amount: 31 },
      { id: 4, amount: 40 },
      { id: 5, amount: 50 },
      { id: 6, amount: 60.75 },
    ]);
  });

  it('a lossy load rolls back inside its transaction: blocked, the target unchanged', async () => {
    const dir = project({ 'pipeline.yml': reconcilePipeline(target, { table: 'lossy', mode: 'append' }), 'staging/a.csv': A });
    expect(await run(dir)).toMatchObject({ status: 'loaded' });
    const before = await q(`SELECT * FROM ${schema}.lossy ORDER BY id`);
    write(dir, { 'pipeline.yml': reconcilePipeline(target, { table: 'lossy', lossy: true }), 'staging/b.csv': `${B}7,7.5,g\n` });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1, load: null });
    expect(r.steps.at(-1)).toMatchObject({ kind: 'reconcile', in_place: 'postgres', success: false });
    expect(reconcileResult(r).observed_value).toEqual({ rows: 5, other_rows: 3, missing: 2, extra: 4, changed: 1, duplicate_keys: 0 });
    expect(reconcileResult(r).details).toMatchObject({
      changed_columns: { amount: 1 },
      // Only hashes crossed: the changed row names its column, not its values.
      samples: { missing: [{ id: 5 }, { id: 6 }], changed: [{ key: { id: 7 }, columns: { amount: {} } }] },
    });
    expect(await q(`SELECT * FROM ${schema}.lossy ORDER BY id`)).toEqual(before);
    // The ledger did not count the files as loaded: the next run reads b.csv again.
    write(dir, { 'pipeline.yml': reconcilePipeline(target, { table: 'lossy' }) });
    const again = await run(dir);
    expect(again).toMatchObject({ status: 'loaded', load: { rows: 3 } });
    expect(again.staged_files.filter((f) => !f.skipped).map((f) => path.basename(f.path))).toEqual(['b.csv']);
  });
});

describe('pipeline file: reconcile', () => {
  const issues = async (text: string) => {
    const err = await parsePipeline(text, '/nowhere/pipeline.yml', await loadCatalogue()).catch((e) => e);
    expect(err).toBeInstanceOf(AssayConfigError);
    return (err as AssayConfigError).issues.map((i) => `${i.line}: ${i.message}`);
  };
  const head = `name: p
sources:
  files: {path: a.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
load:
  target: {type: duckdb, path: wh.duckdb}
  table: orders
`;

  it('names the line of a bad key: no key to default to, a key compared, an unknown source or key', async () => {
    expect(await issues(`${head}  reconcile: {}\n`)).toEqual([
      '9: reconcile needs key: the column or columns that identify a row (the load has no keys to default to)',
    ]);
    expect(await issues(`${head}  reconcile:\n    key: id\n    compare_columns: [amount, id]\n    source: nowhere\n`)).toEqual([
      '11: compare_columns may not repeat a key column (id)',
      '12: no table or source nowhere exists; tables: files, raw',
    ]);
    expect(await issues(`${head}  reconcile: {key: id, columns: [a]}\n`)).toEqual([expect.stringMatching(/^9: .*columns/)]);
  });
});
