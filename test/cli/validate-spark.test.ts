// `assay validate spark` against a real Spark (SPARK_URL; scripts/start-spark.sh), as a user
// runs it: the suite runs inside the cluster (one job for every metric, then samples of the
// failures only), the URL never goes on the command line, a server that is down is exit 3.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import { expectValidResult } from '../helpers/result-schema.js';
import { sparkUrl } from '../helpers/services.js';
import { assay, workdir } from './run-cli.js';

const url = await sparkUrl(import.meta.url);

const DB = `assay_cli_${process.pid}`;
const suite = (body: string, head = '') => `name: spark\n${head}expectations:\n${body}`;
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

describe.skipIf(!url)('assay validate spark', () => {
  let admin: ServerConnection;
  beforeAll(async () => {
    admin = await openConnection({ kind: 'spark', url: url! });
    await admin.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`);
    await admin.exec(`CREATE DATABASE ${DB}`);
    await admin.exec(`CREATE TABLE ${DB}.orders USING parquet AS SELECT * FROM VALUES
      (1L, 'paid', 'ann@x.com', CAST(10.5 AS DECIMAL(10,2)), TIMESTAMP '2024-01-01 00:00:00'),
      (2L, 'lost', 'bob@x.com', CAST(20 AS DECIMAL(10,2)), TIMESTAMP '2024-01-02 00:00:00'),
      (3L, 'paid', 'not an email', CAST(30 AS DECIMAL(10,2)), TIMESTAMP '2024-01-03 00:00:00'),
      (4L, 'shipped', 'dee@x.com', CAST(40 AS DECIMAL(10,2)), TIMESTAMP '2024-01-04 00:00:00')
      AS t(order_id, status, email, amount, created_at)`);
  }, 180_000);
  afterAll(async () => {
    await admin?.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`).catch(() => {});
    await admin?.close();
  }, 60_000);

  it('runs a suite in place: one fused job, failures sampled with their key', { timeout: 180_000 }, () => {
    const dir = workdir({ 's.yml': ORDERS_SUITE });
    const r = assay(
      [
        'validate',
        'spark',
        '--table',
        `${DB}.ORDERS`,
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
      ],
      { env: { SPARK_URL: url! } },
    );
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expectValidResult(result);
    expect(result.run.engine.name).toBe('spark');
    expect(result.run.data_source).toContain(`\`${DB}\`.\`ORDERS\``);
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
  });

  it('validates a query with --sql; the URL comes from the environment only', { timeout: 180_000 }, () => {
    const dir = workdir({ 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n`) });
    const s = path.join(dir, 's.yml');
    const q = assay(['validate', 'spark', '--url-env', 'WAREHOUSE', '--sql', `SELECT order_id AS id FROM ${DB}.orders;`, '--suite', s], {
      env: { SPARK_URL: '', WAREHOUSE: url! },
    });
    expect(q.code, q.stderr).toBe(0);
    const bad = assay(['validate', 'spark', '--sql', 'SELEC 1', '--suite', s], { env: { SPARK_URL: url! } });
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/--sql: \[PARSE_SYNTAX_ERROR\]/);
    const onCommandLine = assay(['validate', url!, '--table', `${DB}.orders`, '--suite', s]);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toMatch(/do not put a database URL on the command line/);
    const unset = assay(['validate', 'spark', '--table', `${DB}.orders`, '--suite', s], { env: { SPARK_URL: '' } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/set SPARK_URL/);
    const missing = assay(['validate', 'spark', '--table', `${DB}.nope`, '--suite', s], { env: { SPARK_URL: url! } });
    expect(missing.code, missing.stderr).toBe(3);
    expect(missing.stderr).toMatch(/no table or view/);
  });

  it('a server that is down exits 3, without the password', () => {
    const dir = workdir({ 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n`) });
    const down = assay(['validate', 'spark', '--table', 'x', '--suite', path.join(dir, 's.yml')], {
      env: { SPARK_URL: 'spark://u:topsecret@127.0.0.1:1/default' },
    });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach the Spark server/);
    expect(down.stderr).not.toContain('topsecret');
  });
});
