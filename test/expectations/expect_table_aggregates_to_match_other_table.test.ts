// expect_table_aggregates_to_match_other_table on every engine: row counts, sums and distinct
// counts of two tables, in total and per group, compared in one query in the engine, with
// absolute and relative tolerances; on 1,000 orders with injected differences.
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import type { Connection } from '../../src/engine/connection.js';
import type { ExpectationConfig } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { engines, load, type Table, type Value } from '../profile/tables.js';

const type = 'expect_table_aggregates_to_match_other_table';
const columns: Table['columns'] = [
  ['id', 'INTEGER', 'INTEGER'],
  ['region', 'VARCHAR', 'TEXT'],
  ['customer_id', 'INTEGER', 'INTEGER'],
  ['amount', 'DOUBLE', 'DOUBLE PRECISION'],
  ['qty', 'INTEGER', 'INTEGER'],
];
const REGIONS = ['eu', 'us', 'ap', null];

/** 1,000 orders: four regions (one null), 50 customers, amounts with cents. */
const source: Value[][] = Array.from({ length: 1000 }, (_, i) => [
  i + 1,
  REGIONS[i % 4]!,
  (i * 7) % 50,
  Math.round(i * 13.37) / 100,
  i % 5,
]);

async function check(conn: Connection, table: string, kwargs: Record<string, unknown>[], queries: string[] = []) {
  const expectations: ExpectationConfig[] = kwargs.map((k) => ({ type, kwargs: k, severity: 'error' }));
  const res = await validate(
    conn,
    table,
    { name: 'agg', expectations },
    { catalogue: await loadCatalogue(), onQuery: (sql) => queries.push(sql) },
  );
  return res.results;
}

describe.each(engines)('%s: expect_table_aggregates_to_match_other_table', (_name, open) => {
  it('finds the groups whose aggregates differ, in one query', async () => {
    const conn = await open();
    try {
      await load(conn, 'agg_source', { columns, rows: source });
      const copy = await load(conn, 'agg_copy', { columns, rows: source });
      // Injected: order 2 (us) lost, order 3 (ap) 0.25 dearer, order 4 (null region) for a new
      // customer 99; and a region the source never had.
      const target = source
        .filter((r) => r[0] !== 2)
        .map((r) => (r[0] === 3 ? [3, 'ap', r[2]!, (r[3] as number) + 0.25, r[4]!] : r[0] === 4 ? [4, null, 99, r[3]!, r[4]!] : r));
      target.push([2000, 'mars', 1, 1, 1]);
      const rel = await load(conn, 'agg_target', { columns, rows: target });
      const all = { other_table: 'agg_source', sum_columns: ['amount', 'qty'], distinct_columns: ['customer_id'] };

      const [same] = await check(conn, copy, [{ ...all, group_by: ['region'] }]);
      expect(same!.exception_info.exception_message).toBeNull();
      expect(same!.success).toBe(true);
      expect(same!.result.observed_value).toMatchObject({ groups: 4, differing_groups: 0, missing_groups: 0, extra_groups: 0 });

      const queries: string[] = [];
      const [total, perRegion, tolerant, relative, bool] = await check(
        conn,
        rel,
        [
          all,
          { ...all, group_by: ['region'] },
          { other_table: 'agg_source', sum_columns: ['amount'], group_by: ['region'], tolerance: 0.5, row_condition: 'id < 2000' },
          { other_table: 'agg_source', sum_columns: ['amount'], relative_tolerance: 0.01 },
          { ...all, result_format: 'BOOLEAN_ONLY' },
        ],
        queries,
      );
      // In total: the lost order and the new one cancel out in the row count, not in the sums.
      expect(total!.success).toBe(false);
      const agg = (total!.result.observed_value as { aggregates: Record<string, Record<string, number>> }).aggregates;
      expect(agg.row_count).toEqual({ self: 1000, other: 1000, differing_groups: 0 });
      expect(agg['sum(qty)']).toEqual({ self: figures(target).qty, other: figures(source).qty, differing_groups: 0 });
      expect(agg['sum(amount)']!.self).toBeCloseTo(figures(target).amount, 6);
      expect(agg['sum(amount)']!.differing_groups).toBe(1);
      expect(agg['distinct(customer_id)']).toEqual({ self: 51, other: 50, differing_groups: 1 });

      expect(perRegion!.result.observed_value).toMatchObject({ groups: 5, differing_groups: 4, missing_groups: 0, extra_groups: 1 });
      const samples = (perRegion!.result.details as { samples: { group: Record<string, unknown>; aggregates: Record<string, unknown> }[] })
        .samples;
      // Each differing group, with only its differing aggregates.
      const byRegion = new Map(samples.map((s) => [s.group.region, s]));
      expect([...byRegion.keys()].sort()).toEqual(['ap', 'mars', 'us', null].sort());
      expect(byRegion.get('ap')!.aggregates).toEqual({
        'sum(amount)': { self: expect.closeTo(figures(target, 'ap').amount, 6), other: expect.closeTo(figures(source, 'ap').amount, 6) },
      });
      expect(byRegion.get('mars')).toMatchObject({ extra: true, aggregates: { row_count: { self: 1, other: null } } });
      expect(byRegion.get('us')!.aggregates).toMatchObject({ row_count: { self: 249, other: 250 } });
      expect(byRegion.get(null)!.aggregates).toEqual({
        'distinct(customer_id)': { self: figures(target, null).customers, other: figures(source, null).customers },
      });

      // 0.25 more on ap is within an absolute 0.5; us lost a whole order; mars is left out by the row condition.
      expect(tolerant!.result.observed_value).toMatchObject({ groups: 4, differing_groups: 1 });
      expect((tolerant!.result.details as { samples: { group: unknown }[] }).samples.map((s) => s.group)).toEqual([{ region: 'us' }]);
      // In total the amounts differ by well under 1%.
      expect(relative!.success).toBe(true);
      expect(bool).toMatchObject({ success: false, result: {} });
      // One query per expectation, each reading both tables in the engine.
      expect(queries.filter((q) => / UNION ALL /.test(q))).toHaveLength(5);
    } finally {
      await conn.close();
    }
  });
});

/** The aggregates of some rows, computed here to check the engine's. */
function figures(rows: Value[][], region?: string | null) {
  const of = region === undefined ? rows : rows.filter((r) => r[1] === region);
  return {
    amount: of.reduce((a, r) => a + (r[3] as number), 0),
    qty: of.reduce((a, r) => a + (r[4] as number), 0),
    customers: new Set(of.map((r) => r[2])).size,
  };
}
