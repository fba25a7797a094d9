// Whole runs into a DuckDB file target: the gate modes, quarantine, meta-validation, loads,
// schema evolution, re-runs and the ledger, trial runs.
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssayConfigError, AssayDataError, LoadError } from '../../src/errors.js';
import { expectValidResult } from '../helpers/result-schema.js';
import { pipelineYaml, project, queryFile, run, SUITE_OK, write, runFailing } from './helpers.js';

const A = 'id,amount,note\n1,10,a\n2,20,b\n3,30,c\n';
const B = 'id,amount,note\n4,40,d\n5,50,e\n';
const BAD = 'id,amount,note\n6,60,f\n7,-70,g\n,80,h\n9,90,i\n';

const wh = (dir: string) => path.join(dir, 'out/warehouse.duckdb');
const rows = (dir: string, sql = 'SELECT id, amount FROM orders ORDER BY id') => queryFile(wh(dir), sql);

describe('pipeline runs into DuckDB', () => {
  it('loads what passes, and leaves a run folder with result, report, log and results table', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'loaded', exit_code: 0, gate: 'open', load: { rows: 3, mode: 'append', table: 'orders' } });
    expect(await rows(dir)).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 20 },
      { id: 3, amount: 30 },
    ]);
    // The default meta-suite ran over the results table with the same engine.
    expect(r.meta_validation).toMatchObject({ suite_name: 'assay_default_meta', success: true, statistics: { evaluated_expectations: 2 } });
    for (const suite of [...r.suites, ...r.meta_validations]) expectValidResult(suite);
    for (const f of [r.files.result, r.files.log, r.files.html!, r.files.validation_results!]) expect(existsSync(f), f).toBe(true);
    const saved = JSON.parse(readFileSync(r.files.result, 'utf8'));
    expect(saved).toMatchObject({ id: r.id, status: 'loaded', pipeline: 'orders', suites: [{ suite_name: 'raw' }] });
    const results = await queryFile(
      path.join(r.run_dir, 'work.duckdb'),
      'SELECT run_id, suite, table_name, expectation_type, severity, success, exception, kwargs FROM assay_validation_results ORDER BY expectation_index',
    );
    expect(results).toEqual([
      {
        run_id: r.id,
        suite: 'raw',
        table_name: 'raw',
        expectation_type: 'expect_column_values_to_not_be_null',
        severity: 'error',
        success: true,
        exception: null,
        kwargs: '{"column":"id"}',
      },
      {
        run_id: r.id,
        suite: 'raw',
        table_name: 'raw',
        expectation_type: 'expect_column_values_to_be_between',
        severity: 'error',
        success: true,
        exception: null,
        kwargs: '{"column":"amount","min_value":0}',
      },
    ]);
    const log = readFileSync(r.files.log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(log.map((l) => l.msg)).toEqual(expect.arrayContaining(['run started', 'gate open', 'loaded', 'run ended']));
  });

  it('strict: a failed error-severity expectation blocks the load; failing rows go to quarantine with what they failed', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    await run(dir);
    write(dir, { 'staging/bad.csv': BAD });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'blocked', exit_code: 1, gate: 'closed', load: null });
    expect(r.gate_reasons).toEqual([
      'raw: expect_column_values_to_not_be_null(id) failed (error)',
      'raw: expect_column_values_to_be_between(amount) failed (error)',
      'meta-suite assay_default_meta: "no error-severity expectation failed" does not hold',
    ]);
    expect((await rows(dir)).map((x) => x.id)).toEqual([1, 2, 3]); // untouched
    expect(r.quarantine).toEqual([{ table: 'raw', rows: 2, file: path.join(r.run_dir, 'quarantine/raw.parquet'), removed: false }]);
    const q = await queryFile(
      ':memory:',
      `SELECT id, amount, assay_failed_expectations AS failed FROM '${r.quarantine[0]!.file}' ORDER BY amount`,
    );
    expect(q).toEqual([
      { id: 7, amount: -70, failed: ['expect_column_values_to_be_between: values of amount at least 0'] },
      { id: null, amount: 80, failed: ['expect_column_values_to_not_be_null: values of id are never null'] },
    ]);
  });

  it('quarantine: failing rows are held back, the rest load; an aggregate failure still blocks', async () => {
    const dir = project({
      'pipeline.yml': pipelineYaml({ gate: 'quarantine' }),
      'suites/raw.yml': SUITE_OK,
      'staging/bad.csv': BAD,
    });
    const r = await run(dir);
    expect(r).toMatchObject({ status: 'loaded', gate: 'open', load: { rows: 2 } });
    expect((await rows(dir)).map((x) => x.id)).toEqual([6, 9]);
    expect(r.quarantine).toMatchObject([{ table: 'raw', rows: 2, removed: true }]);
    const results = await queryFile(
      path.join(r.run_dir, 'work.duckdb'),
      'SELECT expectation_type, success, quarantined FROM assay_validation_results ORDER BY expectation_index',
    );
    expect(results.map((x) => [x.success, x.quarantined])).toEqual([
      [false, true],
      [false, true],
    ]);

    write(dir, {
      'staging/more.csv': 'id,amount,note\n10,100,j\n11,-1,k\n',
      'suites/raw.yml': `${SUITE_OK}  - type: expect_column_mean_to_be_between\n    kwargs: {column: amount, max_value: 10}\n`,
    });
    const blocked = await run(dir);
    expect(blocked).toMatchObject({ status: 'blocked', gate: 'closed' });
    expect(blocked.gate_reasons?.[0]).toMatch(/expect_column_mean_to_be_between\(amount\) failed/);
    expect((await rows(dir)).map((x) => x.id)).toEqual([6, 9]);
  });

  it('warn loads everything and reports; --strict forces the strict gate', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml({ gate: 'warn' }), 'suites/raw.yml': SUITE_OK, 'staging/bad.csv': BAD });
    const strict = await run(dir, { strict: true });
    expect(strict).toMatchObject({ status: 'blocked', gate_decision: { policy: 'strict', open: false } });
    expect(existsSync(wh(dir))).toBe(false);
    const warn = await run(dir);
    expect(warn).toMatchObject({ status: 'loaded', exit_code: 0, gate_decision: { policy: 'warn', open: true } });
    expect(warn.gate_decision!.reasons.length).toBeGreaterThan(0);
    expect((await rows(dir)).length).toBe(4);
  });

  it('a staged file re-delivered unchanged is not loaded twice; a changed one is; --force reads all', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    expect((await run(dir)).load?.rows).toBe(3);
    const again = await run(dir);
    expect(again).toMatchObject({ status: 'nothing_new', exit_code: 0, load: null });
    expect(again.staged_files).toMatchObject([{ path: path.join(dir, 'staging/a.csv'), skipped: true }]);

    write(dir, { 'staging/a-copy.csv': A, 'staging/b.csv': B }); // a copy of a loaded file, and a new one
    const next = await run(dir);
    expect(next.load?.rows).toBe(2);
    expect(next.staged_files.filter((f) => !f.skipped).map((f) => path.basename(f.path))).toEqual(['b.csv']);

    write(dir, { 'staging/b.csv': `${B}12,120,x\n` }); // b changed
    expect((await run(dir)).load?.rows).toBe(3);
    expect((await rows(dir)).map((x) => x.id)).toEqual([1, 2, 3, 4, 4, 5, 5, 12]);

    expect((await run(dir, { force: true })).load?.rows).toBe(9);
  });

  it('upsert on keys, new columns added, incompatible type change refused before writing', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml({ mode: 'upsert', keys: ['id'] }), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    await run(dir);
    write(dir, { 'staging/b.csv': 'id,amount,note,channel\n2,25,B,web\n4,40,d,app\n' });
    const r = await run(dir);
    expect(r.load).toMatchObject({ rows: 2, mode: 'upsert', added_columns: ['channel'] });
    expect(await rows(dir, 'SELECT id, amount, note, channel FROM orders ORDER BY id')).toEqual([
      { id: 1, amount: 10, note: 'a', channel: null },
      { id: 2, amount: 25, note: 'B', channel: 'web' },
      { id: 3, amount: 30, note: 'c', channel: null },
      { id: 4, amount: 40, note: 'd', channel: 'app' },
    ]);

    // amount arrives as text: refused, nothing written, and the file is not marked loaded.
    write(dir, { 'staging/c.csv': 'id,amount,note\n5,lots,e\n' });
    write(dir, { 'suites/raw.yml': 'name: raw\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n' });
    const { error: err, run: runResult } = await runFailing(dir);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toMatch(
      /incompatible type change \(nothing was written\): column "amount" is VARCHAR in the data but BIGINT in the target/,
    );
    expect(runResult).toMatchObject({ status: 'error', exit_code: 2 });
    expect((await rows(dir)).length).toBe(4);
    unlinkSync(path.join(dir, 'staging/c.csv'));

    // Keys that repeat or are null are refused before writing.
    write(dir, { 'staging/d.csv': 'id,amount,note\n7,1,x\n7,2,y\n' });
    await expect(run(dir)).rejects.toThrow(/the key \(id\) repeats in final \(e\.g\. id=7, 2 rows\); nothing was written/);
  });

  it('replace swaps the rows in one transaction', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml({ mode: 'replace' }), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    await run(dir);
    write(dir, { 'staging/b.csv': B });
    await run(dir);
    expect((await rows(dir)).map((x) => x.id)).toEqual([4, 5]);
  });

  it('--dry-run and --limit validate but never load', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A, 'staging/b.csv': B });
    const dry = await run(dir, { dryRun: true });
    expect(dry).toMatchObject({ status: 'validated', exit_code: 0, load: null, steps: [{ kind: 'extract', rows: 5 }, {}, {}] });
    const limited = await run(dir, { limit: 2 });
    expect(limited).toMatchObject({ status: 'validated', load: null, steps: [{ kind: 'extract', rows: 2 }, {}, {}] });
    expect(existsSync(wh(dir))).toBe(false);
    // Neither counts as loading the files.
    expect((await run(dir)).load?.rows).toBe(5);
  });

  it('a meta step checks the results so far with a custom suite; a failing one halts the later steps', async () => {
    const meta = `name: my_meta
expectations:
  - type: expect_column_values_to_be_in_set
    kwargs: {column: success, value_set: [true], mostly: 0.3}
    meta: {rule: at least 30% of the expectations passed}
`;
    const yaml = `name: m
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - validate: {table: raw, suite: suites/raw.yml}
  - meta: {suite: suites/meta.yml}
  - transform: {table: final, sql: "SELECT id, amount * 2 AS amount FROM raw"}
load:
  target: {type: duckdb, path: out/warehouse.duckdb}
  table: orders
gate: quarantine
`;
    const dir = project({
      'pipeline.yml': yaml,
      'suites/raw.yml': `${SUITE_OK}  - type: expect_column_to_exist\n    kwargs: {column: note}\n`,
      'suites/meta.yml': meta,
      'staging/bad.csv': BAD,
    });
    const ok = await run(dir);
    expect(ok).toMatchObject({ status: 'loaded', meta_validation: { suite_name: 'my_meta', success: true } });
    expect(ok.meta_validations).toHaveLength(1);

    write(dir, {
      'suites/raw.yml': `${SUITE_OK}  - type: expect_column_to_exist\n    kwargs: {column: nope}\n`,
      'staging/more.csv': 'id,amount,note\n,-5,z\n',
    });
    const blocked = await run(dir);
    expect(blocked).toMatchObject({ status: 'blocked' });
    expect(blocked.steps.map((s) => [s.kind, !!s.skipped])).toEqual([
      ['extract', false],
      ['validate', false],
      ['meta', false],
      ['transform', true],
    ]);
    expect(blocked.gate_reasons).toContain('meta-suite my_meta: "at least 30% of the expectations passed" does not hold');
  });

  it('a SQL error names the step and its line; a malformed staged file names the file and line', async () => {
    const dir = project({
      'pipeline.yml': pipelineYaml({ transform: 'SELECT nope FROM raw' }),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    const { error: err, run: runResult } = await runFailing(dir);
    expect(err.message).toMatch(/pipeline\.yml:7: transform final failed: Binder Error: Referenced column "nope" not found/);
    expect(runResult).toMatchObject({ status: 'error', exit_code: 2 });

    const bad = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': `${A}4,40\n` });
    const { error: e2, run: run2 } = await runFailing(bad);
    expect(e2).toBeInstanceOf(AssayDataError);
    expect(e2.message).toMatch(/a\.csv, line 5: Expected Number of Columns: 3 Found: 2/);
    expect(run2).toMatchObject({ status: 'error', exit_code: 3 });
  });

  it('refuses an invalid pipeline before starting a run', async () => {
    const dir = project({ 'pipeline.yml': 'name: x\nsources: {}\nsteps: []\n' });
    await expect(run(dir)).rejects.toBeInstanceOf(AssayConfigError);
    expect(existsSync(path.join(dir, '.assay'))).toBe(false);
  });
});
