// expect_table_to_match_other_table on every engine: one keyed FULL OUTER JOIN in the engine
// counts rows missing, extra and changed (per column), and samples them with their keys;
// composite keys, nulls, duplicated keys, row_condition and result_format; on DuckDB a file as
// the other table.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import type { Connection } from '../../src/engine/connection.js';
import type { ExpectationConfig } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { workdir } from '../cli/run-cli.js';
import { engines, load, type Table, type Value } from '../profile/tables.js';

const type = 'expect_table_to_match_other_table';
const columns: Table['columns'] = [
  ['id', 'INTEGER', 'INTEGER'],
  ['amount', 'DOUBLE', 'DOUBLE PRECISION'],
  ['note', 'VARCHAR', 'TEXT'],
];

async function check(conn: Connection, table: string, kwargs: Record<string, unknown>[], queries: string[] = []) {
  const expectations: ExpectationConfig[] = kwargs.map((k) => ({ type, kwargs: k, severity: 'error' }));
  const res = await validate(
    conn,
    table,
    { name: 'recon', expectations },
    { catalogue: await loadCatalogue(), onQuery: (sql) => queries.push(sql) },
  );
  return res.results;
}

describe.each(engines)('%s: expect_table_to_match_other_table', (name, open) => {
  it('counts and samples missing, extra and changed rows, pushed down as one join', async () => {
    const conn = await open();
    try {
      const source: Value[][] = Array.from({ length: 50 }, (_, i) => [i + 1, i * 1.5, i % 7 === 0 ? null : `n${i}`]);
      await load(conn, 'recon_source', { columns, rows: source });
      // Target: ids 1 and 2 lost, 99 added, amount of 10 and note of 20 changed; nulls equal nulls.
      const target = source
        .filter((r) => r[0] !== 1 && r[0] !== 2)
        .map((r) => (r[0] === 10 ? [10, 999, r[2]!] : r[0] === 20 ? [20, r[1]!, 'changed'] : r));
      target.push([99, 1, 'new']);
      const rel = await load(conn, 'recon_target', { columns, rows: target });
      const queries: string[] = [];
      const [all, notes, bool, two, nothing] = await check(
        conn,
        rel,
        [
          { other_table: 'recon_source', key: 'id' },
          // The row condition restricts this table only: ids 1 and 2 of the source stay missing.
          { other_table: 'recon_source', key: ['id'], compare_columns: ['note'], row_condition: 'id > 15' },
          { other_table: 'recon_source', key: 'id', result_format: 'BOOLEAN_ONLY' },
          { other_table: 'recon_source', key: 'id', result_format: { result_format: 'SUMMARY', partial_unexpected_count: 1 } },
          { other_table: 'recon_source', key: 'id', compare_columns: ['nope'] },
        ],
        queries,
      );
      expect(all!.success).toBe(false);
      expect(all!.result.observed_value).toEqual({ rows: 49, other_rows: 50, missing: 2, extra: 1, changed: 2, duplicate_keys: 0 });
      const details = all!.result.details as { changed_columns: unknown; samples: Record<string, unknown> };
      expect(details.changed_columns).toEqual({ amount: 1, note: 1 });
      expect(details.samples.missing).toEqual([{ id: 1 }, { id: 2 }]);
      expect(details.samples.extra).toEqual([{ id: 99 }]);
      expect(details.samples.changed).toEqual([
        { key: { id: 10 }, columns: { amount: { self: 999, other: 13.5 } } },
        { key: { id: 20 }, columns: { note: { self: 'changed', other: 'n19' } } },
      ]);
      expect(notes!.result.observed_value).toMatchObject({ rows: 36, missing: 15, extra: 1, changed: 1 });
      expect((notes!.result.details as { changed_columns: unknown }).changed_columns).toEqual({ note: 1 });
      expect(bool!).toMatchObject({ success: false, result: {} });
      const few = (two!.result.details as { samples: Record<string, unknown[]> }).samples;
      expect([few.missing, few.extra, few.changed].map((s) => s!.length)).toEqual([1, 1, 1]);
      expect(nothing!.exception_info.exception_message).toMatch(/nope/);
      // Pushed down: the join runs in the engine, and the other table is never read by Node.
      expect(queries.filter((q) => /FULL OUTER JOIN/.test(q)).length).toBeGreaterThanOrEqual(1);
      // Three expectations comparing the same columns share one counting join; the note check
      // counts its own; three failures sample (limits 20, 1 and 20); BOOLEAN_ONLY samples nothing.
      expect(queries.filter((q) => /FULL OUTER JOIN/.test(q))).toHaveLength(5);
    } finally {
      await conn.close();
    }
  });

  it('passes on a copy; composite keys; a null key matches nothing', async () => {
    const conn = await open();
    try {
      const cols: Table['columns'] = [
        ['region', 'VARCHAR', 'TEXT'],
        ['n', 'INTEGER', 'INTEGER'],
        ['v', 'VARCHAR', 'TEXT'],
      ];
      const rows: Value[][] = [
        ['eu', 1, 'a'],
        ['eu', 2, null],
        ['us', 1, 'c'],
        [null, 3, 'd'],
      ];
      await load(conn, 'recon_ck_source', { columns: cols, rows: rows.slice(0, 3) });
      const copy = await load(conn, 'recon_ck_copy', { columns: cols, rows: rows.slice(0, 3) });
      const withNull = await load(conn, 'recon_ck_null', { columns: cols, rows });
      const [ok] = await check(conn, copy, [{ other_table: 'recon_ck_source', key: ['region', 'n'] }]);
      expect(ok).toMatchObject({ success: true, result: { observed_value: { rows: 3, other_rows: 3, missing: 0, extra: 0, changed: 0 } } });
      expect((ok!.result.details as Record<string, unknown>).samples).toBeUndefined();
      const [bad] = await check(conn, withNull, [{ other_table: 'recon_ck_source', key: ['region', 'n'] }]);
      expect(bad!.result.observed_value).toMatchObject({ extra: 1, missing: 0 });
      expect((bad!.result.details as { samples: { extra: unknown } }).samples.extra).toEqual([{ region: null, n: 3 }]);
    } finally {
      await conn.close();
    }
  });

  it('reports keys duplicated on either side', async () => {
    const conn = await open();
    try {
      const cols: Table['columns'] = [
        ['id', 'INTEGER', 'INTEGER'],
        ['v', 'INTEGER', 'INTEGER'],
      ];
      await load(conn, 'recon_dup_source', {
        columns: cols,
        rows: [
          [1, 1],
          [2, 2],
          [2, 2],
          [3, 3],
        ],
      });
      const target = await load(conn, 'recon_dup_target', {
        columns: cols,
        rows: [
          [1, 1],
          [1, 1],
          [2, 2],
          [3, 3],
          [4, 4],
          [4, 4],
        ],
      });
      const [r, bool] = await check(conn, target, [
        { other_table: 'recon_dup_source', key: 'id' },
        { other_table: 'recon_dup_source', key: 'id', result_format: 'BOOLEAN_ONLY' },
      ]);
      expect(r!.success).toBe(false);
      // Key 4 is extra twice (the source lacks it); keys 1 (here) and 2 (there) repeat and are matched.
      expect(r!.result.observed_value).toMatchObject({ rows: 6, other_rows: 4, extra: 2, missing: 0, changed: 0, duplicate_keys: 2 });
      const details = r!.result.details as { duplicate_keys: unknown; samples: { duplicate_keys: unknown } };
      expect(details.duplicate_keys).toEqual({ self: 1, other: 1 });
      expect(details.samples.duplicate_keys).toEqual({ self: [{ key: { id: 1 }, rows: 2 }], other: [{ key: { id: 2 }, rows: 2 }] });
      expect(bool).toMatchObject({ success: false, result: {} });
    } finally {
      await conn.close();
    }
  });

  if (name === 'duckdb')
    it('reads a file as the other table', async () => {
      const file = path.join(workdir(), 'source.csv');
      writeFileSync(file, 'id,amount,note\n1,1.5,a\n2,2.5,b\n');
      const conn = await open();
      try {
        const rel = await load(conn, 'recon_file_target', {
          columns,
          rows: [
            [1, 1.5, 'a'],
            [2, 2.5, 'B'],
          ],
        });
        const [r] = await check(conn, rel, [{ other_table: file, key: 'id' }]);
        expect(r!.result.observed_value).toMatchObject({ missing: 0, extra: 0, changed: 1 });
      } finally {
        await conn.close();
      }
    });
});
