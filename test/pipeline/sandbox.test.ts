// A pipeline's suites run in a sandbox of their own (src/pipeline/sandbox.ts): a validate step, its
// quarantine, a meta step read the working tables and nothing else, while the pipeline's own SQL
// steps, trusted code, still read files. The probes are those of test/cli/sandbox.test.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { RunContext } from '../../src/pipeline/context.js';
import { openSandbox } from '../../src/pipeline/sandbox.js';
import { silentLogger } from '../../src/log.js';
import { noProgress } from '../../src/pipeline/progress.js';
import { attempt, project, queryFile, write } from './helpers.js';

const SECRET = 'S3CR3T-7f1e-hunter2';
const sql = (s: string) => JSON.stringify(s);

/** A project whose pipeline validates `raw` (and `files`, a source view) with `suite`, a `.env` and a secret file beside it. */
function probeProject(suite: string, opts: { gate?: string; meta?: string } = {}) {
  const dir = project({
    '.env': `DATABASE_URL=postgres://u:${SECRET}@db/x\n`,
    'secret.csv': `k\n${SECRET}\n`,
    'staging/a.csv': 'id,amount\n1,10\n2,-20\n3,30\n',
    'suites/probe.yml': `name: probe\nexpectations:\n${suite}`,
    ...(opts.meta ? { 'suites/meta.yml': `name: meta_probe\nexpectations:\n${opts.meta}` } : {}),
  });
  write(dir, {
    'pipeline.yml': `name: probe
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  # Trusted SQL keeps its access: it reads the secret file.
  - transform: {table: trusted, sql: "SELECT content FROM read_text('${path.join(dir, '.env')}')"}
  - validate: {table: raw, suite: suites/probe.yml}
${opts.meta ? '  - meta: {suite: suites/meta.yml}\n' : ''}gate: ${opts.gate ?? 'warn'}
`,
  });
  return dir;
}

/** Every file the run left (result, report, log, results table, quarantine), as text. */
function everything(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const f = path.join(d, name);
      if (statSync(f).isDirectory()) walk(f);
      // work.duckdb holds the trusted step's copy of the secret, as it should.
      else if (!/work\.duckdb|\.env$|secret\.csv$/.test(name)) out.push(readFileSync(f, 'latin1'));
    }
  };
  if (existsSync(path.join(dir, '.assay'))) walk(path.join(dir, '.assay'));
  return out.join('\n');
}

async function runProbe(suite: string, opts: { gate?: string; meta?: string } = {}) {
  const dir = probeProject(suite, opts);
  const outcome = await attempt(dir);
  const run = outcome.run!;
  const error = outcome.status === 'error' ? String((outcome.error as Error).message) : '';
  return { dir, outcome, run, all: `${everything(dir)}\n${error}` };
}

const rc = (cond: string, column = 'id') =>
  `  - type: expect_column_values_to_not_be_null\n    kwargs: {column: ${column}, row_condition: ${sql(cond)}}\n`;
const urq = (query: string) => `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: ${sql(query)}}\n`;

describe("a pipeline's validate step runs in a sandbox", () => {
  it('a file read as a table, or through an error message, fails with "disabled by configuration" and shows nothing', async () => {
    const dir0 = probeProject('');
    const probes = [
      urq(`SELECT * FROM '${path.join(dir0, 'secret.csv')}'`),
      urq(`SELECT CAST(k AS INTEGER) FROM '${path.join(dir0, 'secret.csv')}'`),
      rc(`(SELECT max(k) FROM '${path.join(dir0, 'secret.csv')}') IS NOT NULL`),
      urq(`SELECT * FROM 'http://127.0.0.1:9/x.csv'`),
    ];
    const { run, all, outcome } = await runProbe(probes.join(''));
    expect(outcome.status, all).toBe('validated');
    expect(all).not.toContain('hunter2');
    const results = run.suites[0]!.results;
    expect(results).toHaveLength(4);
    for (const r of results) expect(r.exception_info.exception_message).toMatch(/disabled by configuration/);
    // The trusted transform did read the file, in the working database.
    const [row] = await queryFile(path.join(run.run_dir, 'work.duckdb'), 'SELECT content FROM trusted');
    expect(String(row!.content)).toContain(SECRET);
  });

  it('read_text and getenv are refused at load (exit 2), naming the call and not the content', async () => {
    for (const probe of [urq(`SELECT content FROM read_text('/etc/hostname')`), urq(`SELECT getenv('HOME') AS v`)]) {
      const { outcome, all } = await runProbe(probe);
      expect(outcome.status).toBe('error');
      expect((outcome as { error: { exitCode?: number } }).error.exitCode ?? 2).toBe(2);
      expect(all).toMatch(/may not call/);
    }
  });

  it('a pattern probe answers the same whether the pattern matches or not', async () => {
    const probe = async (pattern: string) => {
      const d = probeProject('');
      const { run } = await runProbe(rc(`(SELECT count(*) FROM '${path.join(d, 'secret.csv')}' WHERE k LIKE '${pattern}') > 0`));
      const r = run.suites[0]!.results[0]!;
      return {
        status: run.status,
        success: r.success,
        exception: String(r.exception_info.exception_message)
          .replace(/'[^']*'/g, '')
          .replace(/"[^"]*"/g, ''),
      };
    };
    const yes = await probe('%S3CR3T%');
    const no = await probe('%nothing-like-it%');
    expect(yes).toEqual(no);
    expect(yes.exception).toMatch(/disabled by configuration/);
  });

  it('the sandbox is on while the suite runs, and in its quarantine; the failing rows still go to quarantine', async () => {
    // If quarantine re-ran the row_condition outside the sandbox, the condition would be false
    // there and no row would be blamed.
    const sandboxed = "current_setting('enable_external_access') = false AND current_setting('lock_configuration') = true";
    const { run, all } = await runProbe(
      urq("SELECT current_setting('enable_external_access') AS v WHERE v") +
        `  - type: expect_column_values_to_be_between\n    kwargs: {column: amount, min_value: 0, row_condition: ${sql(sandboxed)}}\n`,
      { gate: 'quarantine' },
    );
    expect(
      run.suites[0]!.results.map((r) => r.success),
      all,
    ).toEqual([true, false]);
    expect(run.quarantine).toMatchObject([{ table: 'raw', rows: 1, removed: true }]);
    const work = path.join(run.run_dir, 'work.duckdb');
    expect(await queryFile(work, 'SELECT id FROM raw ORDER BY id')).toEqual([{ id: 1 }, { id: 3 }]);
    expect(await queryFile(work, `SELECT id FROM '${run.quarantine[0]!.file}'`)).toEqual([{ id: 2 }]);
  });

  it('a source view is validated through a copy; quarantine of the same rows across many row groups blames the right rows', async () => {
    const dir = project({
      'pipeline.yml': `name: big
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - transform: {table: many, sql: "SELECT range AS id, range % 1000 AS v FROM range(300000)"}
  - transform: {table: many2, sql: "SELECT * FROM many WHERE id % 7 <> 0"}
  - validate: {table: files, suite: suites/files.yml}
  - validate: {table: many2, suite: suites/many.yml}
gate: quarantine
`,
      'staging/a.csv': 'id,amount\n1,10\n2,-20\n',
      'suites/files.yml': 'name: files\nexpectations:\n  - type: expect_table_row_count_to_equal\n    kwargs: {value: 2}\n',
      'suites/many.yml':
        'name: many\nexpectations:\n  - type: expect_column_values_to_be_between\n    kwargs: {column: v, max_value: 997}\n',
    });
    const outcome = await attempt(dir);
    expect(outcome.status, String((outcome as { error?: unknown }).error)).toBe('validated');
    const run = outcome.run!;
    expect(run.suites.map((s) => s.success)).toEqual([true, false]);
    const work = path.join(run.run_dir, 'work.duckdb');
    const expected = async (cond: string) =>
      (await queryFile(work, `SELECT count(*) AS n, sum(id) AS ids FROM many WHERE id % 7 <> 0 AND ${cond}`))[0];
    expect(await queryFile(work, 'SELECT count(*) AS n, sum(id) AS ids FROM many2')).toEqual([await expected('v <= 997')]);
    expect(await queryFile(work, `SELECT count(*) AS n, sum(id) AS ids FROM '${run.quarantine[0]!.file}'`)).toEqual([
      await expected('v > 997'),
    ]);
    // The copy of the source is gone from the working database.
    expect(await queryFile(work, "SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'assay_sandbox'")).toEqual([{ n: 0 }]);
  });

  it('a meta step runs in the sandbox too', async () => {
    const d = probeProject('');
    const { run, all } = await runProbe(rc('id > 0'), {
      meta: urq(`SELECT * FROM '${path.join(d, 'secret.csv')}'`) + urq("SELECT current_setting('lock_configuration') AS v WHERE NOT v"),
    });
    expect(all).not.toContain('hunter2');
    const meta = run.meta_validations[0]!;
    expect(meta.results[0]!.exception_info.exception_message).toMatch(/disabled by configuration/);
    expect(meta.results[1]!.success).toBe(true);
  });
});

describe("a Parquet target's validate_target runs in a sandbox", () => {
  it('reads the new file and nothing else', async () => {
    const dir = project({ 'secret.csv': `k\n${SECRET}\n`, 'staging/a.csv': 'id,amount\n1,10\n' });
    write(dir, {
      'pipeline.yml': `name: pq
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
load:
  target: {type: parquet, dir: out}
  table: orders
  validate_target: suites/target.yml
gate: warn
`,
      'suites/target.yml': `name: target\nexpectations:\n${urq(`SELECT * FROM '${path.join(dir, 'secret.csv')}'`)}${urq(
        "SELECT current_setting('enable_external_access') AS v WHERE v",
      )}  - type: expect_table_row_count_to_equal\n    kwargs: {value: 1}\n`,
    });
    const outcome = await attempt(dir);
    expect(outcome.status, String((outcome as { error?: unknown }).error)).toBe('loaded');
    const [probe, setting, count] = outcome.run!.suites.at(-1)!.results;
    expect(probe!.exception_info.exception_message).toMatch(/disabled by configuration/);
    expect([setting!.success, count!.success]).toEqual([true, true]);
    expect(everything(dir)).not.toContain('hunter2');
  });
});

describe('openSandbox', () => {
  it('reads the working tables and nothing else: read_text, read_csv, glob, getenv, ATTACH, SET all refused', async () => {
    const dir = project({ '.env': `X=${SECRET}\n` });
    const conn = await DuckDBConnection.open(path.join(dir, 'work.duckdb'));
    await conn.exec('CREATE TABLE t AS SELECT 1 AS id');
    await conn.exec(`CREATE TEMP VIEW v AS SELECT content FROM read_text('${path.join(dir, '.env')}')`);
    const ctx = { conn, runDir: dir, catalogue: await loadCatalogue(), log: silentLogger, progress: noProgress } as unknown as RunContext;
    const sandbox = await openSandbox(ctx, ['t']);
    try {
      expect(await sandbox.conn.query('SELECT id FROM t')).toEqual([{ id: 1 }]);
      for (const probe of [
        `SELECT content FROM read_text('${path.join(dir, '.env')}')`,
        `SELECT * FROM read_csv('${path.join(dir, '.env')}')`,
        `SELECT * FROM glob('${dir}/*')`,
        "SELECT getenv('HOME')",
        `ATTACH '${path.join(dir, 'other.duckdb')}' AS o`,
        'SET enable_external_access = true',
        'SET lock_configuration = false',
        'INSTALL httpfs',
        'SELECT * FROM v',
        'INSERT INTO t VALUES (2)',
      ])
        await expect(sandbox.conn.query(probe), probe).rejects.toThrow(/disabled|locked|does not exist|read-only|Catalog Error|not found/i);
    } finally {
      await sandbox.close();
    }
    // The trusted connection keeps its access.
    expect(String((await conn.query('SELECT content FROM v'))[0]!.content)).toContain(SECRET);
    await conn.close();
  });
});
