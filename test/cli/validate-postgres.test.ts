// `assay validate postgres` against a real PostgreSQL (DATABASE_URL), as a user runs it: the
// suite runs in place, the URL never goes on the command line, a dropped connection is exit 3.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectValidResult } from '../helpers/result-schema.js';
import { postgresUrl } from '../helpers/services.js';
import { assay, CLI, workdir } from './run-cli.js';

const url = await postgresUrl(import.meta.url);

const SCHEMA = `assay_cli_${process.pid}`;
const suite = (body: string, head = '') => `name: pg\n${head}expectations:\n${body}`;
const ORDERS_SUITE = suite(
  `  - type: expect_column_values_to_not_be_null
    kwargs: {column: order_id}
  - type: expect_column_values_to_be_in_set
    kwargs: {column: status, value_set: [paid, shipped]}
  - type: expect_column_values_to_match_regex
    kwargs: {column: email, regex: '^[a-z]+@[a-z]+\\.com$'}
  - type: expect_column_values_to_be_unique
    kwargs: {column: order_id}
  - type: expect_column_median_to_be_between
    kwargs: {column: amount, min_value: 0, max_value: 100}
`,
  'key: order_id\n',
);

describe.skipIf(!url)('assay validate postgres', () => {
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA};
      CREATE TABLE ${SCHEMA}.orders (order_id BIGINT, status TEXT, email VARCHAR(40), amount NUMERIC(10,2), created_at TIMESTAMP);
      INSERT INTO ${SCHEMA}.orders VALUES (1, 'paid', 'ann@x.com', 10.5, '2024-01-01'), (2, 'lost', 'bob@x.com', 20, '2024-01-02'),
        (3, 'paid', 'not an email', 30, '2024-01-03'), (4, 'shipped', 'dee@x.com', 40, '2024-01-04');
      CREATE TABLE ${SCHEMA}."Mixed Case" (id INT); INSERT INTO ${SCHEMA}."Mixed Case" VALUES (1), (NULL);`);
  });
  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin?.end();
  });

  it('runs a suite in place: one fused scan, failures sampled with their key', () => {
    const dir = workdir({ 's.yml': ORDERS_SUITE });
    const r = assay([
      'validate',
      'postgres',
      '--table',
      `${SCHEMA}.orders`,
      '--suite',
      path.join(dir, 's.yml'),
      '--json',
      path.join(dir, 'r.json'),
      '--result-format',
      'SUMMARY',
      '--log-level',
      'debug',
      '--log-format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expectValidResult(result);
    expect(result.run.engine.name).toBe('postgres');
    expect(result.run.data_source).toContain(`${SCHEMA}.orders`);
    const [notNull, inSet, regex, unique, median] = result.results;
    expect(notNull.success).toBe(true);
    expect(inSet.result).toMatchObject({
      unexpected_count: 1,
      partial_unexpected_list: ['lost'],
      partial_unexpected_index_list: [{ status: 'lost', order_id: 2 }],
    });
    expect(regex.result.partial_unexpected_index_list).toEqual([{ email: 'not an email', order_id: 3 }]);
    expect(unique.success).toBe(true);
    expect(median.result.observed_value).toBe(25);
    const purposes = r.stderr
      .split('\n')
      .filter((l) => l.includes('"msg":"query"'))
      .map((l) => JSON.parse(l).purpose);
    // One scan for every metric; then only the samples of the two failures.
    expect(purposes.filter((p) => p === 'fused')).toHaveLength(1);
    expect(purposes.filter((p) => p === 'follow-up')).toHaveLength(2);
    expect(r.stderr).not.toContain(url!);
  });

  it('validates a query with --sql, and reads names as PostgreSQL does', () => {
    const dir = workdir({ 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n`) });
    const q = assay(['validate', 'postgres', '--sql', `SELECT order_id AS id FROM ${SCHEMA}.orders;`, '--suite', path.join(dir, 's.yml')]);
    expect(q.code, q.stderr).toBe(0);
    const mixed = assay(['validate', 'postgres', '--table', `${SCHEMA}."Mixed Case"`, '--suite', path.join(dir, 's.yml')]);
    expect(mixed.code, mixed.stderr).toBe(1);
    const bad = assay(['validate', 'postgres', '--sql', 'SELEC 1', '--suite', path.join(dir, 's.yml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--sql: syntax error/);
  });

  it('takes the URL from the environment only', () => {
    const dir = workdir({ 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: order_id}\n`) });
    const s = path.join(dir, 's.yml');
    const onCommandLine = assay(['validate', url!, '--table', `${SCHEMA}.orders`, '--suite', s]);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/do not put a database URL on the command line/);
    const unset = assay(['validate', 'postgres', '--table', `${SCHEMA}.orders`, '--suite', s], { env: { DATABASE_URL: '' } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/set DATABASE_URL/);
    const other = assay(['validate', 'postgres', '--url-env', 'WAREHOUSE_URL', '--table', `${SCHEMA}.orders`, '--suite', s], {
      env: { DATABASE_URL: '', WAREHOUSE_URL: url! },
    });
    expect(other.code, other.stderr).toBe(0);
    const missing = assay(['validate', 'postgres', '--table', `${SCHEMA}.nope`, '--suite', s]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/no table or view/);
    const refused = assay(['validate', 'postgres', '--table', 'x', '--suite', s], {
      env: { DATABASE_URL: 'postgres://u:topsecret@127.0.0.1:1/db' },
    });
    expect(refused.code).toBe(3);
    expect(refused.stderr).not.toContain('topsecret');
  });

  it('a connection dropped mid-validation exits 3 with a clear message, without hanging', async () => {
    const dir = workdir({ 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: x}\n`) });
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [
        CLI,
        'validate',
        'postgres',
        '--sql',
        'SELECT x, pg_sleep(0.02) AS s FROM generate_series(1, 2000) AS x',
        '--suite',
        path.join(dir, 's.yml'),
      ],
      {
        env: { ...process.env, DATABASE_URL: url! },
      },
    );
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    let terminated = 0;
    // Up to 25 s to see the query running: a loaded machine starts the CLI slowly.
    for (let i = 0; i < 500 && terminated === 0; i++) {
      await new Promise((res) => setTimeout(res, 50));
      const r = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'assay' AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`,
      );
      terminated = r.rowCount ?? 0;
    }
    expect(terminated).toBe(1);
    const code = await exited;
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /cannot read data: postgres:\/\/[^ ]+: the server ended the connection: terminating connection due to administrator command/,
    );
    // Well before the query's own 40 s: the drop ended it, not the query.
    expect(Date.now() - started).toBeLessThan(35_000);
  });
});
