// The suite sandbox (docs/security.md), as an attacker tries it through `assay validate`: a suite
// that reads a file outside its inputs, or the environment, or writes, learns nothing: no content
// in any output, and no answer from a probe that compares the content to a pattern.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresUrl } from '../helpers/services.js';
import { assay, workdir } from './run-cli.js';

const SECRET = 'S3CR3T-7f1e-hunter2';
const dir = workdir({
  'data.csv': 'id,name\n1,a\n2,b\n',
  // Beside the input, as a pipeline's .env would be.
  '.env': `DATABASE_URL=postgres://u:${SECRET}@db/x\n`,
  'secret.csv': `k\n${SECRET}\n`,
});
const secretFile = path.join(dir, '.env');

/** Everything the run wrote: stdout, stderr and the JSON result. */
function runSuite(name: string, expectations: string, extraEnv: Record<string, string> = {}) {
  const suite = path.join(dir, `${name}.yml`);
  const json = path.join(dir, `${name}.json`);
  writeFileSync(suite, `name: ${name}\nexpectations:\n${expectations}`);
  const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', suite, '--json', json, '--result-format', 'COMPLETE'], {
    env: { SECRET_ENV: SECRET, ...extraEnv },
  });
  let result = '';
  try {
    result = readFileSync(json, 'utf8');
  } catch {
    // no result written: stdout and stderr are all there is
  }
  return { ...r, all: `${r.stdout}\n${r.stderr}\n${result}`, result: result ? JSON.parse(result) : null };
}

const sql = (s: string) => JSON.stringify(s);

describe('DuckDB: a suite reads its input and nothing else', () => {
  const secretCsv = path.join(dir, 'secret.csv');
  // Calls of file functions are refused at load (exit 2); what a name list cannot see (a file
  // named as a table, a quoted table name) reaches DuckDB, whose sandbox refuses it (exit 1).
  const probes: [string, string, number][] = [
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT content FROM read_text('${secretFile}')`)}}`, 2],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT * FROM READ_CSV('${secretCsv}')`)}}`, 2],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT file FROM "glob"('${dir}/*')`)}}`, 2],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT getenv('SECRET_ENV')`)}}`, 2],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT * FROM query('SELECT 1')`)}}`, 2],
    [
      'expect_column_values_to_not_be_null',
      `{column: id, row_condition: ${sql(`(SELECT content FROM read_text('${secretFile}')) IS NOT NULL`)}}`,
      2,
    ],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT * FROM '${secretCsv}'`)}}`, 1],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT CAST(k AS INTEGER) FROM '${secretCsv}'`)}}`, 1],
    ['unexpected_rows_expectation', `{unexpected_rows_query: ${sql(`SELECT * FROM 'http://127.0.0.1:9/x.csv'`)}}`, 1],
    ['expect_column_values_to_not_be_null', `{column: id, row_condition: ${sql(`(SELECT max(k) FROM '${secretCsv}') IS NOT NULL`)}}`, 1],
    ['expect_table_row_count_to_equal_other_table', `{other_table_name: ${sql(`"${secretCsv}"`)}}`, 1],
  ];
  it.each(probes)('%s %s: no content, exit %i, never a crash', (type, kwargs, code) => {
    const r = runSuite('probe', `  - type: ${type}\n    kwargs: ${kwargs}\n`);
    expect(r.all).not.toContain(SECRET);
    expect(r.all).not.toContain('hunter2');
    expect(r.code, r.all).toBe(code);
    if (code === 2) expect(r.stderr).toMatch(/may not call/);
    else expect(r.result.results[0].exception_info.exception_message).toMatch(/disabled by configuration/);
  });

  it('a pattern probe answers the same whether the pattern matches or not', () => {
    const probe = (pattern: string) =>
      runSuite(
        'pattern',
        `  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id, row_condition: ${sql(
          `(SELECT count(*) FROM '${path.join(dir, 'secret.csv')}' WHERE k LIKE '${pattern}') > 0`,
        )}}\n`,
      );
    const yes = probe('%S3CR3T%');
    const no = probe('%nothing-like-it%');
    const strip = (r: ReturnType<typeof probe>) => ({
      code: r.code,
      success: r.result.results[0].success,
      exception: String(r.result.results[0].exception_info.exception_message).replace(/%[^%]*%/g, ''),
    });
    expect(strip(yes)).toEqual(strip(no));
    expect(yes.result.results[0].exception_info.exception_message).toMatch(/disabled by configuration/);
  });

  it('the sandbox is on while the suite runs', () => {
    const r = runSuite(
      'settings',
      `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: ${sql("SELECT current_setting('enable_external_access') AS v WHERE v")}}\n` +
        `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: ${sql("SELECT current_setting('lock_configuration') AS v WHERE NOT v")}}\n`,
    );
    expect(r.code, r.all).toBe(0);
  });

  it('the input itself is still read, through globs too', () => {
    const r = runSuite('ok', `  - type: expect_table_row_count_to_equal\n    kwargs: {value: 2}\n`);
    expect(r.code, r.all).toBe(0);
  });
});

const url = await postgresUrl(import.meta.url);
const SCHEMA = `assay_sandbox_${process.pid}`;

describe.skipIf(!url)('PostgreSQL: a suite cannot write, whatever the role may do', () => {
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};
      CREATE TABLE ${SCHEMA}.t (id INT); INSERT INTO ${SCHEMA}.t VALUES (1), (2);
      CREATE SEQUENCE ${SCHEMA}.s;`);
  });
  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin?.end();
  });

  const pgSuite = (expectations: string) => {
    const file = path.join(dir, 'pg.yml');
    writeFileSync(file, `name: pg\nexpectations:\n${expectations}`);
    const json = path.join(dir, 'pg.json');
    const r = assay(['validate', 'postgres', '--table', `${SCHEMA}.t`, '--suite', file, '--json', json], { env: { DATABASE_URL: url! } });
    return { ...r, result: JSON.parse(readFileSync(json, 'utf8')) };
  };

  it('set_config cannot switch read-only off for a later expectation; setval and nextval fail', async () => {
    const rc = (cond: string) => `  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id, row_condition: ${sql(cond)}}\n`;
    const r = pgSuite(
      // U&"set!005fconfig" UESCAPE '!' is set_config under a name the load-time list does not see.
      rc(`U&"set!005fconfig" UESCAPE '!'('default_transaction_read_only', 'off', false) IS NOT NULL`) +
        rc(`U&"set!005fconfig" UESCAPE '!'('transaction_read_only', 'off', true) IS NOT NULL`) +
        rc(`setval('${SCHEMA}.s', 100) > 0`) +
        rc(`nextval('${SCHEMA}.s') > 0`),
    );
    expect(r.code).toBe(1);
    const errors = r.result.results.map(
      (x: { exception_info: { exception_message: string | null } }) => x.exception_info.exception_message,
    );
    expect(errors[1]).toMatch(/read-write mode must be set before any query|read-only/);
    expect(errors[2]).toMatch(/read-only transaction/);
    expect(errors[3]).toMatch(/read-only transaction/);
    const [{ last_value, is_called }] = (await admin.query(`SELECT last_value, is_called FROM ${SCHEMA}.s`)).rows;
    expect({ last_value: Number(last_value), is_called }).toEqual({ last_value: 1, is_called: false });
  });

  it('a data-modifying query is refused; the table is unchanged', async () => {
    const r = pgSuite(
      `  - type: unexpected_rows_expectation\n    kwargs: {unexpected_rows_query: ${sql(`WITH x AS (INSERT INTO ${SCHEMA}.t VALUES (3) RETURNING *) SELECT * FROM x`)}}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.result.results[0].exception_info.raised_exception).toBe(true);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.t`)).rows[0].n).toBe(2);
  });

  it('warns when the role is a superuser, and only then', async () => {
    const r = pgSuite(`  - type: expect_table_row_count_to_equal\n    kwargs: {value: 2}\n`);
    expect(r.code).toBe(0);
    const superuser = (await admin.query(`SELECT current_setting('is_superuser') AS s`)).rows[0].s === 'on';
    if (superuser) expect(r.stderr).toMatch(/validating as a superuser/);
    else expect(r.stderr).not.toMatch(/superuser/);
  });
});
