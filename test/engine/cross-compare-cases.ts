// The data both cross-engine comparison tests build (PostgreSQL's and Spark's): 1,000 rows of one
// formula in DuckDB (the source), the same rows in the other engine, then the same changes made
// there, and the differences those changes must come out as.
import { expect } from 'vitest';
import type { CrossCompareResult } from '../../src/engine/cross-compare.js';

export const ROWS = 1000;

/** The source in DuckDB: integers, text, decimals, doubles (exact in binary), booleans, dates and timestamps. */
export const DUCK = `SELECT CAST(i AS INTEGER) AS id, 'name ' || i AS name, CAST((i * 7 % 1000) / 100 AS DECIMAL(12,2)) AS amount,
  CAST(i / 8 AS DOUBLE) AS price, i % 3 = 0 AS ok, DATE '2024-01-01' + CAST(i % 365 AS INTEGER) AS day,
  TIMESTAMP '2024-01-01' + (i * 61500) * INTERVAL '1 millisecond' AS at
  FROM range(1, ${ROWS + 1}) AS r(i)`;

export const COMPARED = ['name', 'amount', 'price', 'ok', 'day', 'at'];

/**
 * What the other engine's copy differs by: ids 10 and 11 deleted, 5000 added, amount of 20 up by
 * 0.01, name and price of 30 changed, ok of 40 made null, at of 50 a microsecond later.
 */
export function expectTheChanges(r: CrossCompareResult): void {
  expect(r.observed).toEqual({ rows: ROWS - 1, other_rows: ROWS, missing: 2, extra: 1, changed: 4, duplicate_keys: 0 });
  expect(r.details.changed_columns).toEqual({ amount: 1, name: 1, price: 1, ok: 1, at: 1 });
  // Only hashes crossed; a sampled changed row's values are then read by key on each side.
  expect(r.details.samples).toEqual({
    missing: [{ id: 10 }, { id: 11 }],
    extra: [{ id: 5000 }],
    changed: [
      { key: { id: 20 }, columns: { amount: { self: 1.41, other: 1.4 } } },
      { key: { id: 30 }, columns: { name: { self: 'renamed', other: 'name 30' }, price: { self: 7.5, other: 3.75 } } },
      { key: { id: 40 }, columns: { ok: { self: null, other: false } } },
      { key: { id: 50 }, columns: { at: { self: '2024-01-01 00:51:15.000001', other: '2024-01-01 00:51:15' } } },
    ],
  });
  // Only the other engine's side crossed: its keys and hashes.
  expect(r.moved.rows).toBe(ROWS - 1);
}
