// Quarantine finds the failing rows of every kind of row-level expectation: fused predicates,
// own-query ones (duplicates, z-scores), window ones (increasing), JS ones (JSON Schema),
// column pairs and multicolumn; aggregates have no rows to blame.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { ExpectationConfig } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import type { RunContext } from '../../src/pipeline/context.js';
import { noProgress } from '../../src/pipeline/progress.js';
import { quarantineRows } from '../../src/pipeline/quarantine.js';
import { silentLogger } from '../../src/log.js';

const e = (type: string, kwargs: Record<string, unknown>): ExpectationConfig => ({ type, kwargs, severity: 'error' });

describe('quarantine', () => {
  it('blames each failing row with the expectations it failed, and removes them when asked', async () => {
    const conn = await DuckDBConnection.open();
    await conn.exec(`CREATE TABLE t AS SELECT * FROM (VALUES
      (1, 10, 5, '{"a": 1}'), (2, 20, 30, '{"a": "x"}'), (2, 15, 1, '{"a": 2}'), (4, 40, 2, '{"a": 3}'), (5, 1000, 4, '{"a": 4}')
    ) v(id, amount, discount, doc)`);
    const suite = {
      name: 's',
      expectations: [
        e('expect_column_values_to_be_unique', { column: 'id' }),
        e('expect_column_values_to_be_increasing', { column: 'amount' }),
        e('expect_column_pair_values_a_to_be_greater_than_b', { column_A: 'amount', column_B: 'discount' }),
        e('expect_column_values_to_match_json_schema', { column: 'doc', json_schema: { properties: { a: { type: 'integer' } } } }),
        e('expect_column_values_to_be_between', { column: 'amount', max_value: 100, row_condition: 'id > 4' }),
        e('expect_column_mean_to_be_between', { column: 'amount', max_value: 10 }),
      ],
    };
    const catalogue = await loadCatalogue();
    const result = await validate(conn, '"t"', suite, { catalogue });
    expect(result.results.map((r) => r.success)).toEqual([false, false, false, false, false, false]);
    const runDir = mkdtempSync(path.join(tmpdir(), 'assay-q-'));
    const ctx = { conn, catalogue, runDir, log: silentLogger(), progress: noProgress } as unknown as RunContext;
    const q = await quarantineRows(ctx, 't', result, true);
    expect([...q.expectations].sort()).toEqual([0, 1, 2, 3, 4]); // not the mean: an aggregate
    expect(q.record).toMatchObject({ table: 't', rows: 3, removed: true });
    const rows = await conn.query(`SELECT id, amount, assay_failed_expectations AS failed FROM '${q.record!.file}' ORDER BY amount`);
    expect(rows.map((r) => [r.id, r.amount, (r.failed as string[]).map((f) => f.split(':')[0])])).toEqual([
      [2, 15, ['expect_column_values_to_be_increasing', 'expect_column_values_to_be_unique']],
      [
        2,
        20,
        [
          'expect_column_pair_values_a_to_be_greater_than_b',
          'expect_column_values_to_be_unique',
          'expect_column_values_to_match_json_schema',
        ],
      ],
      [5, 1000, ['expect_column_values_to_be_between']],
    ]);
    expect(await conn.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 1 }, { id: 4 }]);
    await conn.close();
  });
});
