// Validation where the data lives: `validate: {source: …}` runs a suite inside PostgreSQL on a
// source table (one aggregate scan, nothing copied), and `load: {validate_target: …}` validates
// the target after the rows are written and before the load commits, rolling it back when the
// gate closes. PostgreSQL tests use the real server CI starts (DATABASE_URL, set by .ci/run),
// each in this file's own schema, dropped at the end; DuckDB and Parquet targets run anywhere.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssayConfigError, LoadError } from '../../src/errors.js';
import { parsePipeline } from '../../src/pipeline/config.js';
import type { PipelineRunResult } from '../../src/pipeline/types.js';
import { project, queryFile, run, runFailing, write } from './helpers.js';
import { postgresUrl } from '../helpers/services.js';

const URL = await postgresUrl(import.meta.url);

const REGIONS_SUITE = `name: regions
expectations:
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: 1, max_value: 1000}
  - type: expect_column_values_to_not_be_null
    kwargs: {column: region_id}
  - type: expect_column_values_to_be_between
    kwargs: {column: population, min_value: 0}
  - type: expect_column_values_to_be_in_set
    kwargs: {column: country, value_set: [FR, DE, IT]}
  - type: expect_column_value_lengths_to_be_between
    kwargs: {column: name, min_value: 2, max_value: 40}
  - type: expect_column_mean_to_be_between
    kwargs: {column: population, min_value: 1}
`;

/** At most 4 rows in the whole target, amounts never null: what only the loaded target can show. */
const TARGET_SUITE = `name: target
expectations:
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: 1, max_value: 4}
  - type: expect_column_values_to_not_be_null
    kwargs: {column: amount}
`;

const RAW_SUITE = `name: raw
expectations:
  - type: expect_column_values_to_not_be_null
    kwargs: {column: id}
`;

const A = 'id,amount\n1,10\n2,20\n3,30\n';
/** Passes the steps' suite, but makes the target 5 rows long; adds a column too. */
const B = 'id,amount,note\n4,40,x\n5,50,y\n';

function loadPipeline(target: string, opts: { gate?: string; mode?: string; table?: string } = {}): string {
  return `name: target_check
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - validate: {table: raw, suite: suites/raw.yml}
load:
  target: ${target}
  table: ${opts.table ?? 'orders'}
  mode: ${opts.mode ?? 'append'}
  validate_target: suites/target.yml
gate: ${opts.gate ?? 'strict'}
`;
}

const logLines = (r: PipelineRunResult) =>
  readFileSync(r.files.log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe.skipIf(!URL)('validate a PostgreSQL source where it lives', () => {
  const schema = `assay_inplace_${randomBytes(4).toString('hex')}`;
  let db: pg.Client;
  const q = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  /** Sequential scans of a table so far, once the server's statistics have caught up. */
  const seqScans = async (table: string, atLeast: number) => {
    let n = 0;
    for (let i = 0; i < 50; i++) {
      n = Number(
        (await q(`SELECT seq_scan FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = $2`, [schema, table]))[0]?.seq_scan ?? 0,
      );
      if (n >= atLeast) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return n;
  };

  beforeAll(async () => {
    db = new pg.Client({ connectionString: URL });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`CREATE TABLE ${schema}.regions (region_id int, name text, country text, population bigint)`);
    await db.query(
      `INSERT INTO ${schema}.regions SELECT g, 'region ' || g, (ARRAY['FR','DE','IT'])[1 + g % 3], 1000 * g FROM generate_series(1, 100) g`,
    );
  });
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.end();
  });

  const inPlace = (extra = '') => `name: regions_check
sources:
  regions: {postgres: {url_env: SRC_URL}, table: ${schema}.regions}
steps:
  - validate: {source: regions, suite: suites/regions.yml}
${extra}`;

  it('runs the suite inside PostgreSQL as one aggregate scan, copies nothing, and feeds the results table, meta-suite and gate', async () => {
    const dir = project({ 'pipeline.yml': inPlace(), 'suites/regions.yml': REGIONS_SUITE, '.env': `SRC_URL=${URL}\n` });
    const before = await seqScans('regions', 0);
    const r = await run(dir);
    expect(r).toMatchObject({
      status: 'validated',
      exit_code: 0,
      gate: 'open',
      steps: [{ kind: 'validate', table: 'regions', in_place: 'postgres', success: true }],
    });
    expect(r.suites).toHaveLength(1);
    expect(r.suites[0]).toMatchObject({ success: true, statistics: { evaluated_expectations: 6, successful_expectations: 6 } });
    expect(r.suites[0]!.results[0]!.result.observed_value).toBe(100);
    expect(r.data_sources).toEqual([
      expect.stringMatching(
        new RegExp(`^regions \\(PostgreSQL table ${schema}\\.regions at postgres://127\\.0\\.0\\.1:5432/\\w+, validated in place\\)$`),
      ),
    ]);
    expect(r.meta_validation).toMatchObject({ suite_name: 'assay_default_meta', success: true });

    // One query, the fused aggregate, counted by the engine's onQuery hook...
    const validated = logLines(r).filter((l) => l.msg === 'validated');
    expect(validated).toEqual([expect.objectContaining({ table: 'regions', queries: { fused: 1, fallback: 0, 'follow-up': 0 } })]);
    // ...and one sequential scan of the table, counted by PostgreSQL.
    expect((await seqScans('regions', before + 1)) - before).toBe(1);
    // Nothing was copied into the run.
    expect(existsSync(path.join(r.run_dir, 'landed'))).toBe(false);

    const rows = await queryFile(
      path.join(r.run_dir, 'work.duckdb'),
      'SELECT table_name, step, expectation_type, success FROM assay_validation_results ORDER BY expectation_index',
    );
    expect(rows).toHaveLength(6);
    expect(rows.every((x) => x.table_name === 'regions' && x.step === 0 && x.success === true)).toBe(true);
  });

  it('a failure in PostgreSQL closes the gate; --limit validates the first N rows there', async () => {
    const failing = REGIONS_SUITE.replace('max_value: 1000', 'max_value: 50').replace('value_set: [FR, DE, IT]', 'value_set: [FR, DE]');
    const dir = project({ 'pipeline.yml': inPlace(), 'suites/regions.yml': failing, '.env': `SRC_URL=${URL}\n` });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1, gate: 'closed' });
    expect(r.gate_reasons).toEqual([
      'regions: expect_table_row_count_to_be_between failed (error)',
      'regions: expect_column_values_to_be_in_set(country) failed (error)',
      'meta-suite assay_default_meta: "no error-severity expectation failed" does not hold',
    ]);
    const inSet = r.suites[0]!.results[3]!;
    expect(inSet.result).toMatchObject({ element_count: 100, unexpected_count: 33 });
    expect(inSet.result.partial_unexpected_list).toEqual(expect.arrayContaining(['IT']));

    // The first 10 rows: the row count passes there, the country set still fails.
    const limited = await run(dir, { limit: 10 });
    expect(limited.suites[0]!.results.map((x) => x.success)).toEqual([true, true, true, false, true, true]);
    expect(limited.suites[0]!.results[0]!.result.observed_value).toBe(10);
    expect(limited.suites[0]!.results[3]!.result).toMatchObject({ element_count: 10, unexpected_count: 3 });
  });

  it('a query source validates in place too; a table source that SQL reads is also copied', async () => {
    const dir = project({
      'pipeline.yml': `name: both
sources:
  regions: {postgres: {url_env: SRC_URL}, table: ${schema}.regions}
  big: {postgres: {url_env: SRC_URL}, sql: "SELECT * FROM ${schema}.regions WHERE population > 50000"}
steps:
  - validate: {source: regions, suite: suites/regions.yml}
  - validate: {source: big, suite: suites/regions.yml}
  - extract: {table: fr, sql: "SELECT * FROM Regions WHERE country = 'FR'"}
  - validate: {table: fr, suite: suites/regions.yml}
`,
      'suites/regions.yml': REGIONS_SUITE,
      '.env': `SRC_URL=${URL}\n`,
    });
    const r = await run(dir);
    expect(r.status).toBe('validated');
    expect(r.steps.map((s) => [s.kind, s.table, s.in_place ?? null, s.rows ?? null])).toEqual([
      ['validate', 'regions', 'postgres', null],
      ['validate', 'big', 'postgres', null],
      ['extract', 'fr', null, 33],
      ['validate', 'fr', null, null],
    ]);
    expect(r.suites.map((s) => s.results[0]!.result.observed_value)).toEqual([100, 50, 33]);
    expect(existsSync(path.join(r.run_dir, 'landed/regions.parquet'))).toBe(true);
    expect(r.data_sources).toEqual([
      'regions (PostgreSQL table ' + `${schema}.regions, 100 rows)`,
      'big (PostgreSQL query, 50 rows)',
      expect.stringMatching(/^regions \(PostgreSQL table .* validated in place\)$/),
      expect.stringMatching(/^big \(PostgreSQL query at .* validated in place\)$/),
    ]);
  });

  it('a missing table is a clear data error (exit 3)', async () => {
    const dir = project({
      'pipeline.yml': inPlace().replace(`${schema}.regions`, `${schema}.nowhere`),
      'suites/regions.yml': REGIONS_SUITE,
      '.env': `SRC_URL=${URL}\n`,
    });
    const { error: err, run: runResult } = await runFailing(dir);
    expect(err.message).toMatch(new RegExp(`^source regions \\(PostgreSQL\\): no table or view ${schema}\\.nowhere at postgres://`));
    expect(runResult).toMatchObject({ status: 'error', exit_code: 3 });
  });

  describe('validate_target on a PostgreSQL load', () => {
    const target = `{type: postgres, url_env: DATABASE_URL, schema: ${schema}}`;
    const snapshot = async (table: string) => ({
      columns: await q(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
        [schema, table],
      ),
      rows: await q(`SELECT * FROM ${schema}.${table} ORDER BY id`),
    });

    it('passing: the load commits and the target check joins the results, meta-suite and report', async () => {
      const dir = project({
        'pipeline.yml': loadPipeline(target, { table: 'passing' }),
        'suites/raw.yml': RAW_SUITE,
        'suites/target.yml': TARGET_SUITE,
        'staging/a.csv': A,
      });
      const r = await run(dir);
      expect(r).toMatchObject({ status: 'loaded', exit_code: 0, gate: 'open', load: { rows: 3 } });
      expect(r.steps.at(-1)).toMatchObject({
        kind: 'validate_target',
        table: 'passing',
        in_place: 'postgres',
        success: true,
        suite: 'target',
      });
      expect(r.suites.map((s) => s.suite_name)).toEqual(['raw', 'target']);
      expect(r.suites[1]!.results[0]!.result.observed_value).toBe(3);
      expect(r.meta_validations).toHaveLength(2);
      expect(logLines(r).find((l) => l.msg === 'validated' && l.table === 'target:passing')).toMatchObject({
        queries: { fused: 1, fallback: 0, 'follow-up': 0 },
      });
      const rows = await queryFile(
        path.join(r.run_dir, 'work.duckdb'),
        'SELECT table_name, step, success FROM assay_validation_results ORDER BY step, expectation_index',
      );
      expect(rows).toEqual([
        { table_name: 'raw', step: 1, success: true },
        { table_name: 'target:passing', step: 2, success: true },
        { table_name: 'target:passing', step: 2, success: true },
      ]);
      expect(await q(`SELECT id::int, amount::int FROM ${schema}.passing ORDER BY id`)).toEqual([
        { id: 1, amount: 10 },
        { id: 2, amount: 20 },
        { id: 3, amount: 30 },
      ]);
    });

    it('failing under strict: the load rolls back and the target stays exactly as it was (rows and columns)', async () => {
      const dir = project({
        'pipeline.yml': loadPipeline(target, { table: 'strict' }),
        'suites/raw.yml': RAW_SUITE,
        'suites/target.yml': TARGET_SUITE,
        'staging/a.csv': A,
      });
      await run(dir);
      const before = await snapshot('strict');
      write(dir, { 'staging/b.csv': B });
      const r = await run(dir);
      expect(r).toMatchObject({ status: 'blocked', exit_code: 1, gate: 'closed', load: null });
      expect(r.gate_reasons).toEqual([
        'target:strict: expect_table_row_count_to_be_between failed (error)',
        'meta-suite assay_default_meta: "no error-severity expectation failed" does not hold',
      ]);
      // The check saw the rows inside the transaction: 5 of them, the new column too.
      expect(r.suites[1]!.results[0]!.result.observed_value).toBe(5);
      expect(await snapshot('strict')).toEqual(before);
      expect(before.columns.map((c) => c.column_name)).toEqual(['id', 'amount']);
      expect(
        await q(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'assay load target_check' AND state LIKE 'idle in transaction%'`,
        ),
      ).toEqual([{ n: 0 }]);
      // Not loaded, so the re-delivered file is read again next time.
      const again = await run(dir);
      expect(again.staged_files.filter((f) => !f.skipped).map((f) => path.basename(f.path))).toEqual(['b.csv']);
    });

    it('failing under warn: the failures are reported and the load commits; a broken expectation stays its own error', async () => {
      const broken = `${TARGET_SUITE}  - type: expect_column_values_to_match_regex
    kwargs: {column: note, regex: "("}
`;
      const dir = project({
        'pipeline.yml': loadPipeline(target, { table: 'warned', gate: 'warn' }),
        'suites/raw.yml': RAW_SUITE,
        'suites/target.yml': broken,
        'staging/a.csv': `${B}6,60,z\n7,70,w\n8,80,v\n`,
      });
      const r = await run(dir);
      expect(r).toMatchObject({ status: 'loaded', exit_code: 0, gate: 'open', load: { rows: 5 } });
      const [count, notNull, regex] = r.suites[1]!.results;
      expect([count!.success, notNull!.success, regex!.success]).toEqual([false, true, false]);
      expect(regex!.exception_info.raised_exception).toBe(true);
      expect(r.gate_reasons).toEqual(expect.arrayContaining(['target:warned: expect_table_row_count_to_be_between failed (error)']));
      expect(await q(`SELECT count(*)::int AS n FROM ${schema}.warned`)).toEqual([{ n: 5 }]);
    });

    it("the target suite cannot write in the load's transaction, nor turn read-only off: nothing written, each try its own error", async () => {
      await q(`CREATE SEQUENCE IF NOT EXISTS ${schema}.probe_seq; CREATE TABLE IF NOT EXISTS ${schema}.probe_side (id int)`);
      const rc = (cond: string) =>
        `  - type: expect_column_values_to_not_be_null\n    kwargs: {column: amount, row_condition: ${JSON.stringify(cond)}}\n`;
      const suite =
        `${TARGET_SUITE}` +
        // U&"set!005fconfig" UESCAPE '!' is set_config under a name the load-time list does not see.
        rc(`U&"set!005fconfig" UESCAPE '!'('transaction_read_only', 'off', true) IS NOT NULL`) +
        rc(`U&"set!005fconfig" UESCAPE '!'('transaction_read_only', 'off', false) IS NOT NULL`) +
        rc(`nextval('${schema}.probe_seq') > 0`) +
        rc(`setval('${schema}.probe_seq', 100) > 0`) +
        `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: ${JSON.stringify(
          `WITH x AS (INSERT INTO ${schema}.probe_side VALUES (1) RETURNING *) SELECT * FROM x`,
        )}}\n` +
        `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: ${JSON.stringify(
          `WITH x AS (DELETE FROM {batch} RETURNING *) SELECT * FROM x`,
        )}}\n` +
        // Still read-only after the tries above: each query has a read-only savepoint of its own.
        `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: "SELECT 1 WHERE current_setting('transaction_read_only') <> 'on'"}\n`;
      const dir = project({
        'pipeline.yml': loadPipeline(target, { table: 'probed', gate: 'warn' }),
        'suites/raw.yml': RAW_SUITE,
        'suites/target.yml': suite,
        'staging/a.csv': A,
      });
      const r = await run(dir);
      expect(r).toMatchObject({ status: 'loaded', exit_code: 0, load: { rows: 3 } });
      const results = r.suites[1]!.results.slice(2);
      const errors = results.map((x) => x.exception_info.exception_message);
      expect(errors[0]).toMatch(/cannot set transaction read-write mode inside a read-only transaction/);
      expect(errors[1]).toMatch(/cannot set transaction read-write mode inside a read-only transaction/);
      for (const e of errors.slice(2, 4)) expect(e).toMatch(/cannot execute (nextval|setval)\(\) in a read-only transaction/);
      // A data-modifying WITH is refused where the suite's query sits (a subquery), before read-only could be.
      for (const e of errors.slice(4, 6)) expect(e).toMatch(/read-only transaction|data-modifying statement must be at the top level/);
      expect(results[6]!).toMatchObject({ success: true, exception_info: { raised_exception: false } });
      // Nothing written: the sequence untouched, no side row, the target holds exactly the load.
      const [seq] = await q(`SELECT last_value::int AS v, is_called FROM ${schema}.probe_seq`);
      expect(seq).toEqual({ v: 1, is_called: false });
      expect(await q(`SELECT count(*)::int AS n FROM ${schema}.probe_side`)).toEqual([{ n: 0 }]);
      expect(await q(`SELECT id::int FROM ${schema}.probed ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    });
  });
});

describe('validate_target on DuckDB and Parquet targets', () => {
  it('DuckDB: passing commits; failing under strict rolls back and leaves the table as it was', async () => {
    const dir = project({
      'pipeline.yml': loadPipeline('{type: duckdb, path: wh.duckdb}'),
      'suites/raw.yml': RAW_SUITE,
      'suites/target.yml': TARGET_SUITE,
      'staging/a.csv': A,
    });
    const first = await run(dir);
    expect(first).toMatchObject({ status: 'loaded', load: { rows: 3 } });
    expect(first.steps.at(-1)).toMatchObject({ kind: 'validate_target', in_place: 'duckdb', success: true });
    const wh = path.join(dir, 'wh.duckdb');
    const before = await queryFile(wh, 'SELECT * FROM orders ORDER BY id');

    write(dir, { 'staging/b.csv': B });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1, load: null });
    expect(r.gate_reasons?.[0]).toBe('target:orders: expect_table_row_count_to_be_between failed (error)');
    expect(r.suites[1]!.results[0]!.result.observed_value).toBe(5);
    expect(await queryFile(wh, 'SELECT * FROM orders ORDER BY id')).toEqual(before);
    // The target's results were written after the rollback, not lost with it.
    const results = await queryFile(
      path.join(r.run_dir, 'work.duckdb'),
      "SELECT count(*) AS n FROM assay_validation_results WHERE table_name = 'target:orders'",
    );
    expect(results).toEqual([{ n: 2 }]);
  });

  it('DuckDB: a broken expectation aborts the transaction, so the load rolls back with a clear error', async () => {
    const broken = `${TARGET_SUITE}  - type: expect_column_values_to_match_regex
    kwargs: {column: note, regex: "("}
    severity: warning
`;
    const dir = project({
      'pipeline.yml': loadPipeline('{type: duckdb, path: wh.duckdb}', { gate: 'warn' }),
      'suites/raw.yml': RAW_SUITE,
      'suites/target.yml': broken,
      'staging/a.csv': B,
    });
    const { error: err, run: runResult } = await runFailing(dir);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toMatch(
      /^a query checking the target \(validate_target or reconcile\) failed inside the load's transaction \(.*\); DuckDB cannot commit after a failed statement, so the load was rolled back/,
    );
    expect(runResult).toMatchObject({ status: 'error', exit_code: 2 });
    expect(await queryFile(path.join(dir, 'wh.duckdb'), "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'orders'")).toEqual([
      { n: 0 },
    ]);
  });

  it('Parquet: the new file is validated before the rename; failing leaves the old file', async () => {
    const dir = project({
      'pipeline.yml': loadPipeline('{type: parquet, dir: lake}'),
      'suites/raw.yml': RAW_SUITE,
      'suites/target.yml': TARGET_SUITE,
      'staging/a.csv': A,
    });
    expect(await run(dir)).toMatchObject({ status: 'loaded', load: { rows: 3 } });
    const file = path.join(dir, 'lake/orders.parquet');
    const before = await queryFile(':memory:', `SELECT * FROM '${file}' ORDER BY id`);
    write(dir, { 'staging/b.csv': B });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1 });
    expect(r.steps.at(-1)).toMatchObject({ kind: 'validate_target', in_place: 'parquet', success: false });
    expect(await queryFile(':memory:', `SELECT * FROM '${file}' ORDER BY id`)).toEqual(before);
  });
});

describe('pipeline file: in-place keys', () => {
  const issues = async (text: string) => {
    const err = await parsePipeline(text, '/nowhere/pipeline.yml', await loadCatalogue()).catch((e) => e);
    expect(err).toBeInstanceOf(AssayConfigError);
    return (err as AssayConfigError).issues.map((i) => `${i.line}: ${i.message}`);
  };

  it('a PostgreSQL source takes exactly one of sql and table; validate exactly one of table and source', async () => {
    expect(
      await issues(`name: p
sources:
  both: {postgres: {url_env: U}, sql: "SELECT 1", table: public.x}
  neither: {postgres: {url_env: U}}
  bad: {postgres: {url_env: U}, table: "x; DROP TABLE y"}
  files: {path: a.csv}
steps:
  - validate: {table: files, source: both, suite: s.yml}
  - validate: {suite: s.yml}
  - validate: {source: files, suite: s.yml}
  - validate: {source: nothing, suite: s.yml}
`),
    ).toEqual([
      '3: a PostgreSQL source needs exactly one of sql (a query, copied into the run) and table (a table, validated where it lives)',
      '4: a PostgreSQL source needs exactly one of sql (a query, copied into the run) and table (a table, validated where it lives)',
      expect.stringMatching(/^5: key sources\.bad\.table must match pattern/),
      '8: validate needs exactly one of table (a table of the working database) and source (a PostgreSQL source, validated where it lives)',
      '9: validate needs exactly one of table (a table of the working database) and source (a PostgreSQL source, validated where it lives)',
    ]);
    const later = await issues(`name: p
sources:
  files: {path: a.csv}
steps:
  - validate: {source: files, suite: s.yml}
  - validate: {source: nothing, suite: s.yml}
`);
    expect(later).toEqual([
      '5: source files is staged files: only PostgreSQL and Spark sources are validated where they live; use table: files to validate its view in the working database',
      '5: suite file not found: s.yml',
      '6: no source nothing; sources: files',
      '6: suite file not found: s.yml',
    ]);
  });

  it('a table source is copied only when the working database reads it', async () => {
    const dir = project({ 's.yml': RAW_SUITE, 'q.sql': 'SELECT * FROM Used_Twice' });
    const p = await parsePipeline(
      `name: p
sources:
  kept: {postgres: {url_env: U}, table: '"Sales"."Kept"'}
  used_twice: {postgres: {url_env: U}, table: sales.used}
  loaded: {postgres: {url_env: U}, table: loaded}
  validated: {postgres: {url_env: U}, table: validated}
  used: {postgres: {url_env: U}, table: used_not}
  q: {postgres: {url_env: U}, sql: "SELECT 1 AS x"}
steps:
  - validate: {source: kept, suite: s.yml}
  - extract: {table: t, sql: q.sql}
  - validate: {table: validated, suite: s.yml}
load: {target: {type: duckdb, path: w.duckdb}, table: out, from: loaded, validate_target: s.yml}
`,
      path.join(dir, 'pipeline.yml'),
      await loadCatalogue(),
    );
    expect(p.sources.map((s) => [s.name, s.kind === 'postgres' && s.land])).toEqual([
      ['kept', false],
      ['used_twice', true],
      ['loaded', true],
      ['validated', true],
      ['used', false],
      ['q', true],
    ]);
    expect(p.sources[0]).toMatchObject({ table: '"Sales"."Kept"', sql: 'SELECT * FROM "Sales"."Kept"' });
    expect(p.steps[0]).toMatchObject({ kind: 'validate', table: 'kept', source: { name: 'kept' } });
    expect(p.load?.validateTarget?.name).toBe('raw');
  });
});
