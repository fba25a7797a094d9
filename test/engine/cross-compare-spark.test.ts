// Keyed comparison of a Spark table with a DuckDB one (SPARK_URL; scripts/start-spark.sh): the
// same 1,000 rows built in both engines hash alike, type by type; rows deleted, added and changed
// in Spark are found with their keys; and only keys and hashes leave Spark, in batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection, type ServerConnection } from '../../src/connections/index.js';
import type { DuckDBConnection } from '../../src/connections/duckdb.js';
import { crossCompare, type CompareSide } from '../../src/engine/cross-compare.js';
import { sparkUrl } from '../helpers/services.js';
import { COMPARED, DUCK, expectTheChanges, ROWS } from './cross-compare-cases.js';

const url = await sparkUrl(import.meta.url);

// Spark's TIMESTAMP is its local-time-zone type: the session is in UTC, and its canonical text too.
const SPARK = `SELECT CAST(id AS INT) AS id, concat('name ', id) AS name, CAST((id * 7 % 1000) / 100 AS DECIMAL(12,2)) AS amount,
  CAST(id / 8 AS DOUBLE) AS price, id % 3 = 0 AS ok, date_add(DATE '2024-01-01', CAST(id % 365 AS INT)) AS day,
  timestamp_millis(1704067200000 + id * 61500) AS at
  FROM range(1, ${ROWS + 1}, 1, 3)`;
const DB = `spk_xc_${process.pid}`;

describe.skipIf(!url)('keyed comparison across Spark and DuckDB', () => {
  let duck: DuckDBConnection;
  let spark: ServerConnection;
  const table = `\`${DB}\`.\`target\``;
  const duckSide = (): CompareSide => ({ conn: duck, relation: 'source', local: true });

  beforeAll(async () => {
    duck = await openConnection({ kind: 'duckdb' });
    await duck.exec(`CREATE TABLE source AS ${DUCK}`);
    spark = await openConnection({ kind: 'spark', url: url!, options: { statementTimeoutMs: 120_000 } });
    await spark.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`);
    await spark.exec(`CREATE DATABASE ${DB}`);
    await spark.exec(`CREATE TABLE ${table} USING parquet AS ${SPARK}`);
  }, 180_000);
  afterAll(async () => {
    await spark?.exec(`DROP DATABASE IF EXISTS ${DB} CASCADE`).catch(() => {});
    await spark?.close();
    await duck?.close();
  }, 60_000);

  it('finds nothing when both hold the same rows; Spark keys and hashes come over in batches', { timeout: 120_000 }, async () => {
    let batches = 0;
    const counted: ServerConnection = Object.create(spark) as ServerConnection;
    counted.batches = async function* (sql, rows) {
      for await (const batch of spark.batches!(sql, rows)) {
        batches++;
        expect(batch.length).toBeLessThanOrEqual(rows);
        yield batch;
      }
    };
    const r = await crossCompare({
      self: { conn: counted, relation: table },
      other: duckSide(),
      keys: ['id'],
      compared: COMPARED,
      scratch: duck,
      batchRows: 300,
    });
    expect(r).toMatchObject({
      success: true,
      observed: { rows: ROWS, other_rows: ROWS, missing: 0, extra: 0, changed: 0, duplicate_keys: 0 },
    });
    expect(batches).toBe(4);
    expect(r.moved).toMatchObject({ rows: ROWS, columns: ['k0', ...COMPARED.map((_, i) => `h${i}`)] });
  });

  it('rows lost, added and changed in Spark: missing, extra and changed per column, with their keys', { timeout: 180_000 }, async () => {
    await spark.exec(`CREATE TABLE ${DB}.changed USING parquet AS
      SELECT id, CASE WHEN id = 30 THEN 'renamed' ELSE name END AS name,
        CASE WHEN id = 20 THEN amount + 0.01 ELSE amount END AS amount,
        CASE WHEN id = 30 THEN price * 2 ELSE price END AS price,
        CASE WHEN id = 40 THEN NULL ELSE ok END AS ok, day,
        CASE WHEN id = 50 THEN at + INTERVAL '0.000001' SECOND ELSE at END AS at
      FROM ${table} WHERE id NOT IN (10, 11)
      UNION ALL SELECT 5000, 'new', NULL, NULL, NULL, NULL, NULL`);
    const r = await crossCompare({
      self: { conn: spark, relation: `${DB}.changed` },
      other: duckSide(),
      keys: ['id'],
      compared: COMPARED,
      scratch: duck,
      batchRows: 256,
    });
    expectTheChanges(r);
  });
});
