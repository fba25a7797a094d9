// expect_table_to_match_other_table when the other table lives in another engine: a CSV file
// (DuckDB) against a PostgreSQL or Spark table named by `other_connection`, a PostgreSQL table
// against a Parquet file, and the same counts as the comparison run inside one engine. Only keys
// and hashes cross; a changed row's sample still shows both values, read by key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/api/validate.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import { assay, workdir } from '../cli/run-cli.js';
import { postgresUrl, sparkUrl } from '../helpers/services.js';

const pgUrl = await postgresUrl(import.meta.url);
const catalogue = await loadCatalogue();
const spUrl = await sparkUrl(import.meta.url);

const type = 'expect_table_to_match_other_table';
// The source: 40 orders. The copy under test lost ids 3 and 4, gained 99, and changed the
// amount of 10 and the status of 20 (a null in the source stays equal to a null).
const SOURCE = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  amount: (i * 25) / 10,
  status: i % 9 === 0 ? null : `s${i % 4}`,
}));
const COPY = [
  ...SOURCE.filter((r) => r.id !== 3 && r.id !== 4).map((r) =>
    r.id === 10 ? { ...r, amount: 1000 } : r.id === 20 ? { ...r, status: 'lost' } : r,
  ),
  { id: 99, amount: 1, status: 'new' },
];
const csv = (rows: typeof SOURCE) => `id,amount,status\n${rows.map((r) => `${r.id},${r.amount},${r.status ?? ''}`).join('\n')}\n`;
const sqlValues = (rows: typeof SOURCE) =>
  rows.map((r) => `(${r.id}, CAST(${r.amount} AS DOUBLE PRECISION), ${r.status === null ? 'NULL' : `'${r.status}'`})`).join(', ');

const EXPECTED = { rows: 39, other_rows: 40, missing: 2, extra: 1, changed: 2, duplicate_keys: 0 };
const suite = (kwargs: Record<string, unknown>) => ({ name: 'recon', expectations: [{ type, kwargs }] });

describe.skipIf(!pgUrl)('expect_table_to_match_other_table across DuckDB and PostgreSQL', () => {
  let pg: ServerConnection;
  let dir: string;
  const table = 'xe_source';

  beforeAll(async () => {
    dir = workdir({ 'copy.csv': csv(COPY), 'source.csv': csv(SOURCE) });
    pg = await openConnection({ kind: 'postgres', url: pgUrl! });
    await pg.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS xe_copy`);
    await pg.exec(`CREATE TABLE ${table} (id INTEGER, amount DOUBLE PRECISION, status TEXT)`);
    await pg.exec(`INSERT INTO ${table} VALUES ${sqlValues(SOURCE)}`);
    await pg.exec(`CREATE TABLE xe_copy AS SELECT * FROM ${table} WHERE id NOT IN (3, 4)`);
    await pg.exec(`UPDATE xe_copy SET amount = 1000 WHERE id = 10; UPDATE xe_copy SET status = 'lost' WHERE id = 20`);
    await pg.exec(`INSERT INTO xe_copy VALUES (99, 1, 'new')`);
  });
  afterAll(async () => {
    await pg?.exec(`DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS xe_copy`).catch(() => {});
    await pg?.close();
  });

  it('a CSV file against a PostgreSQL table: the counts of the same comparison inside DuckDB, values in the samples', async () => {
    const copy = path.join(dir, 'copy.csv');
    const across = await validate(copy, suite({ other_table: `public.${table}`, other_connection: 'warehouse', key: 'id' }), {
      connections: { warehouse: { url: pgUrl! } },
    });
    const inDuckDB = await validate(copy, suite({ other_table: path.join(dir, 'source.csv'), key: 'id' }), {
      allowRead: [path.join(dir, 'source.csv')],
    });
    const [a] = across.results;
    const [b] = inDuckDB.results;
    expect(a!.exception_info.exception_message).toBeNull();
    expect(a!.result.observed_value).toEqual(EXPECTED);
    expect(b!.result.observed_value).toEqual(EXPECTED);
    const da = a!.result.details as Record<string, unknown>;
    const db = b!.result.details as Record<string, unknown>;
    expect(da.changed_columns).toEqual({ amount: 1, status: 1 });
    expect(da.changed_columns).toEqual(db.changed_columns);
    expect(da.samples).toEqual(db.samples);
    expect((da.samples as Record<string, unknown>).changed).toEqual([
      { key: { id: 10 }, columns: { amount: { self: 1000, other: 22.5 } } },
      { key: { id: 20 }, columns: { status: { self: 'lost', other: 's3' } } },
    ]);
    // What crossed from PostgreSQL: its 40 keys and hashes, nothing of the values.
    expect(da.moved).toMatchObject({ rows: 40, columns: ['k0', 'h0', 'h1'] });
  });

  it('a PostgreSQL table against a Parquet file, through the CLI, only with --allow-read', async () => {
    const work = workdir({
      'suite.yml': `name: recon\nexpectations:\n  - type: ${type}\n    kwargs: {other_table: source.parquet, key: id}\n`,
    });
    const duck = await openConnection({ kind: 'duckdb' });
    await duck.exec(`COPY (SELECT * FROM read_csv('${path.join(dir, 'source.csv')}')) TO '${path.join(work, 'source.parquet')}'`);
    await duck.close();
    const env = { DATABASE_URL: pgUrl! };
    const args = ['validate', 'postgres', '--table', 'xe_copy', '--suite', 'suite.yml', '--json', 'out.json'];
    const allowed = assay([...args, '--allow-read', 'source.parquet'], { cwd: work, env });
    expect(allowed.code, allowed.stderr).toBe(1);
    const result = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8'));
    expect(result.results[0].result.observed_value).toEqual(EXPECTED);
    expect(result.results[0].result.details.samples.changed[0]).toEqual({
      key: { id: 10 },
      columns: { amount: { self: 1000, other: 22.5 } },
    });
    // Without it, the DuckDB that reads the file is sandboxed like any other: the suite may not read it.
    const refused = assay(args, { cwd: work, env });
    expect(refused.code).toBe(1);
    const r2 = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8'));
    expect(r2.results[0].exception_info.exception_message).toMatch(/source\.parquet/);
    expect(r2.results[0].exception_info.exception_message).toMatch(/disabled|not allowed|Permission/i);
  });

  it("a config's named connection, from the CLI; a misspelt name and an unset variable are the expectation's errors", async () => {
    const work = workdir({
      'assay.config.yml': 'connections:\n  warehouse: {env: XE_WAREHOUSE_URL}\n',
      'copy.csv': csv(COPY),
      'suite.yml':
        `name: recon\nexpectations:\n` +
        `  - type: ${type}\n    kwargs: {other_table: ${table}, other_connection: warehouse, key: id, compare_columns: [status]}\n` +
        `  - type: ${type}\n    kwargs: {other_table: ${table}, other_connection: warehous, key: id}\n`,
    });
    const run = assay(['validate', 'copy.csv', '--suite', 'suite.yml', '--json', 'out.json'], {
      cwd: work,
      env: { XE_WAREHOUSE_URL: pgUrl! },
    });
    expect(run.code, run.stderr).toBe(1);
    const { results } = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8'));
    expect(results[0].result.observed_value).toEqual({ ...EXPECTED, changed: 1 });
    expect(results[0].result.details.changed_columns).toEqual({ status: 1 });
    expect(results[1].exception_info.exception_message).toMatch(/no such connection .*did you mean warehouse\?/);
    expect(run.stdout).toMatch(/rows match xe_source \(warehouse\) by id/);

    assay(['validate', 'copy.csv', '--suite', 'suite.yml', '--json', 'out.json'], { cwd: work, env: { XE_WAREHOUSE_URL: '' } });
    const unset = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8'));
    expect(unset.results[0].exception_info.exception_message).toMatch(/reads its URL from XE_WAREHOUSE_URL, which is not set/);
  });

  it('expect_table_aggregates_to_match_other_table: each side aggregated where it lives, the same answer as inside DuckDB', async () => {
    const copy = path.join(dir, 'copy.csv');
    const kwargs = { group_by: ['status'], sum_columns: ['amount'], distinct_columns: ['id'] };
    const aggregates = (other: Record<string, unknown>) => ({
      name: 'totals',
      expectations: [
        { type: 'expect_table_aggregates_to_match_other_table', kwargs: { ...kwargs, ...other } },
        { type: 'expect_table_aggregates_to_match_other_table', kwargs: { ...other, sum_columns: ['id'] } },
      ],
    });
    const across = await validate(copy, aggregates({ other_table: table, other_connection: 'warehouse' }), {
      connections: { warehouse: { url: pgUrl! } },
    });
    const inDuckDB = await validate(copy, aggregates({ other_table: path.join(dir, 'source.csv') }), {
      allowRead: [path.join(dir, 'source.csv')],
    });
    const [a, total] = across.results;
    const [b, totalB] = inDuckDB.results;
    expect(a!.exception_info.exception_message).toBeNull();
    // Groups s0..s3, null and 'lost' and 'new': ids 3 and 4 lost (s2, s3), 20 moved from s3 to
    // 'lost', 99 added as 'new'; amount of 10 changed (s1).
    expect(a!.result.observed_value).toMatchObject({ groups: 7, differing_groups: 5, missing_groups: 0, extra_groups: 2 });
    expect(a!.result.observed_value).toEqual(b!.result.observed_value);
    const { moved, ...rest } = a!.result.details as Record<string, unknown>;
    expect(rest).toEqual(b!.result.details);
    // One row per group crossed from PostgreSQL (5 groups: s0..s3 and null), not its 40 rows.
    expect(moved).toMatchObject({ rows: 5, columns: ['g0', 'a0', 'a1', 'a2'] });
    expect(total!.result.observed_value).toEqual(totalB!.result.observed_value);
    expect(total!.result.observed_value).toMatchObject({
      groups: 1,
      aggregates: { row_count: { self: 39, other: 40 }, 'sum(id)': { self: 820 - 7 + 99, other: 820 } },
    });
  });

  it('expect_column_values_to_be_in_other_table: a foreign key into PostgreSQL, its distinct keys landed in DuckDB', async () => {
    const copy = path.join(dir, 'copy.csv');
    const fk = 'expect_column_values_to_be_in_other_table';
    const suiteOf = (other: Record<string, unknown>) => ({
      name: 'fk',
      expectations: [
        { type: fk, kwargs: { column: 'id', ...other, result_format: 'COMPLETE' } },
        { type: fk, kwargs: { column: 'status', ...other, result_format: 'COMPLETE' } },
        { type: fk, kwargs: { column: 'status', ...other, mostly: 0.9 } },
      ],
    });
    const across = await validate(copy, suiteOf({ other_table: `public.${table}`, other_connection: 'warehouse' }), {
      connections: { warehouse: { url: pgUrl! } },
    });
    const inDuckDB = await validate(copy, suiteOf({ other_table: path.join(dir, 'source.csv') }), {
      allowRead: [path.join(dir, 'source.csv')],
    });
    const [ids, statuses, mostly] = across.results;
    expect(ids!.exception_info.exception_message).toBeNull();
    expect(ids!.result).toMatchObject({ unexpected_count: 1, unexpected_list: [99] });
    // 'lost' (id 20) and 'new' (99) are orphans; the nulls are not counted.
    expect(statuses!.result).toMatchObject({ unexpected_count: 2 });
    expect([...(statuses!.result.unexpected_list as string[])].sort()).toEqual(['lost', 'new']);
    expect(mostly!.success).toBe(true);
    expect(catalogue.get(fk)!.sentence(ids!.expectation_config.kwargs)).toBe('values of id are keys id of public.xe_source (warehouse)');
    across.results.forEach((r, i) => {
      expect(r.success).toBe(inDuckDB.results[i]!.success);
      expect(r.result.unexpected_count).toBe(inDuckDB.results[i]!.result.unexpected_count);
    });
  });

  it('a foreign key across engines from a server table is refused with what to do instead', async () => {
    const work = workdir({
      'assay.config.yml': 'connections:\n  warehouse: {env: XE_WAREHOUSE_URL}\n',
      'suite.yml': `name: fk\nexpectations:\n  - type: expect_column_values_to_be_in_other_table\n    kwargs: {column: id, other_table: ${table}, other_connection: warehouse}\n`,
    });
    const env = { DATABASE_URL: pgUrl!, XE_WAREHOUSE_URL: pgUrl! };
    assay(['validate', 'postgres', '--table', 'xe_copy', '--suite', 'suite.yml', '--json', 'out.json'], { cwd: work, env });
    const { results } = JSON.parse(readFileSync(path.join(work, 'out.json'), 'utf8'));
    expect(results[0].exception_info.exception_message).toMatch(
      /must be DuckDB .* here it is postgres: compare with expect_table_to_match_other_table/,
    );
  });

  it('other_row_condition runs in the other engine, row_condition in this one', async () => {
    const { results } = await validate(
      path.join(dir, 'copy.csv'),
      {
        name: 'part',
        expectations: [
          {
            type,
            kwargs: {
              other_table: table,
              other_connection: 'warehouse',
              key: 'id',
              row_condition: 'id <= 20',
              other_row_condition: 'id <= 20',
            },
          },
          {
            type: 'expect_column_values_to_be_in_other_table',
            kwargs: { column: 'id', other_table: table, other_connection: 'warehouse', other_row_condition: 'id > 5' },
          },
        ],
      },
      { connections: { warehouse: { url: pgUrl! } } },
    );
    expect(results[0]!.result.observed_value).toEqual({ rows: 18, other_rows: 20, missing: 2, extra: 0, changed: 2, duplicate_keys: 0 });
    // Ids 1, 2 and 5 (and 99) have no key among the source's ids above 5.
    expect(results[1]!.result).toMatchObject({ unexpected_count: 4 });
  });

  it('a file named with other_connection, or an other engine without connections, is a clear error', async () => {
    const copy = path.join(dir, 'copy.csv');
    const r = await validate(copy, {
      name: 'recon',
      expectations: [
        { type, kwargs: { other_table: 'x.parquet', other_connection: 'warehouse', key: 'id' } },
        { type, kwargs: { other_table: table, other_connection: 'warehouse', key: 'id' } },
      ],
    });
    expect(r.results[0]!.exception_info.exception_message).toMatch(/is a file, which DuckDB reads: drop other_connection/);
    expect(r.results[1]!.exception_info.exception_message).toMatch(/no such connection: name it under connections:/);
  });
});

describe.skipIf(!spUrl)('expect_table_to_match_other_table across DuckDB and Spark', () => {
  let spark: ServerConnection;
  // One table per test process: every worktree's suite shares the one local Spark.
  const table = `xe_spark_source_${process.pid}`;

  beforeAll(async () => {
    spark = await openConnection({ kind: 'spark', url: spUrl!, options: { statementTimeoutMs: 120_000 } });
    await spark.exec(`DROP TABLE IF EXISTS ${table}`);
    await spark.exec(`CREATE TABLE ${table} (id INT, amount DOUBLE, status STRING) USING parquet`);
    await spark.exec(`INSERT INTO ${table} VALUES ${sqlValues(SOURCE).replaceAll('DOUBLE PRECISION', 'DOUBLE')}`);
  }, 180_000);
  afterAll(async () => {
    await spark?.exec(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await spark?.close();
  });

  it('a CSV file against a Spark table: the same counts and samples; aggregates per group as inside DuckDB', async () => {
    const dir = workdir({ 'copy.csv': csv(COPY), 'source.csv': csv(SOURCE) });
    const totals = { group_by: ['status'], sum_columns: ['amount'], distinct_columns: ['id'] };
    const agg = 'expect_table_aggregates_to_match_other_table';
    const [acrossAgg] = (
      await validate(
        path.join(dir, 'copy.csv'),
        { name: 't', expectations: [{ type: agg, kwargs: { ...totals, other_table: table, other_connection: 'lake' } }] },
        {
          connections: { lake: { url: spUrl! } },
        },
      )
    ).results;
    const [inDuckDB] = (
      await validate(
        path.join(dir, 'copy.csv'),
        { name: 't', expectations: [{ type: agg, kwargs: { ...totals, other_table: path.join(dir, 'source.csv') } }] },
        {
          allowRead: [path.join(dir, 'source.csv')],
        },
      )
    ).results;
    expect(acrossAgg!.exception_info.exception_message).toBeNull();
    expect(acrossAgg!.result.observed_value).toEqual(inDuckDB!.result.observed_value);
    expect((acrossAgg!.result.details as { samples: unknown }).samples).toEqual((inDuckDB!.result.details as { samples: unknown }).samples);

    const r = await validate(path.join(dir, 'copy.csv'), suite({ other_table: table, other_connection: 'lake', key: 'id' }), {
      connections: { lake: { url: spUrl! } },
    });
    const [a] = r.results;
    expect(a!.exception_info.exception_message).toBeNull();
    expect(a!.result.observed_value).toEqual(EXPECTED);
    expect((a!.result.details as { samples: { changed: unknown } }).samples.changed).toEqual([
      { key: { id: 10 }, columns: { amount: { self: 1000, other: 22.5 } } },
      { key: { id: 20 }, columns: { status: { self: 'lost', other: 's3' } } },
    ]);
  }, 180_000);
});
