// Profiles of a small table whose every figure is known, on every engine: the same numbers
// come back from DuckDB and PostgreSQL, exactly (distinct counts and quantiles are not estimates).
import { describe, expect, it } from 'vitest';
import { profile, COLUMNS_PER_QUERY } from '../../src/profile/profile.js';
import { renderProfileHtml } from '../../src/profile/html.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { engines, load, type Table } from './tables.js';

const codes = ['AB-12', 'CD-34', 'EF-56', 'GH-78', 'IJ-90'];
const table: Table = {
  columns: [
    ['id', 'INTEGER', 'INTEGER'],
    ['code', 'VARCHAR', 'TEXT'],
    ['score', 'DOUBLE', 'DOUBLE PRECISION'],
    ['at', 'DATE', 'DATE'],
    ['note', 'VARCHAR', 'TEXT'],
  ],
  rows: Array.from({ length: 100 }, (_, i) => [
    i + 1,
    codes[i % 5]!,
    i % 10 === 0 ? null : i,
    `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
    i === 7 ? '<script>alert(1)</script>' : `note ${i % 3}`,
  ]),
};

describe.each(engines)('profile on %s', (_name, open) => {
  it('computes exact figures for every column in two scans', async () => {
    const conn = await open();
    try {
      const rel = await load(conn, 'profile_known', table);
      const queries: string[] = [];
      const p = await profile(conn, rel, { onQuery: (sql) => queries.push(sql) });
      expect(queries).toHaveLength(2);
      expect(p.scans).toBe(2);
      expect(p.rows).toBe(100);
      const [id, code, score, at, note] = p.columns;
      expect(id).toMatchObject({ kind: 'numeric', nulls: 0, distinct: 100, min: 1, max: 100, mean: 50.5 });
      expect(id!.quantiles.find((q) => q.q === 0.5)!.value).toBe(50);
      expect(id!.histogram.reduce((s, b) => s + b.count, 0)).toBe(100);
      expect(id!.histogram).toHaveLength(20);
      expect(code).toMatchObject({ kind: 'string', distinct: 5, length: { min: 5, max: 5, mean: 5 } });
      expect(code!.top_values).toEqual(codes.map((value) => ({ value, count: 20 })));
      expect(code!.patterns!.exact).toEqual({ distinct: 1, top: [{ value: 'AA-99', count: 100 }] });
      expect(code!.patterns!.runs.top).toEqual([{ value: 'A-9', count: 100 }]);
      // 10 nulls (i = 0, 10, ..., 90); the other 90 values are distinct.
      expect(score).toMatchObject({ nulls: 10, null_fraction: 0.1, distinct: 90, min: 1, max: 99 });
      const nums = table.rows.map((r) => r[2]).filter((v): v is number => v !== null);
      const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
      expect(score!.mean).toBeCloseTo(mean, 9);
      const sd = Math.sqrt(nums.reduce((a, b) => a + (b - mean) ** 2, 0) / (nums.length - 1));
      expect(score!.stddev).toBeCloseTo(sd, 9);
      // The histogram counts values, not nulls: 9 to a bin (1-9, 11-19, ... 91-99, two bins each).
      expect(score!.histogram.reduce((s, b) => s + b.count, 0)).toBe(90);
      expect(score!.histogram.at(-1)!.count).toBe(nums.filter((x) => x >= score!.histogram.at(-1)!.lo).length);
      expect(at).toMatchObject({ kind: 'temporal', distinct: 28 });
      expect(String(at!.min)).toMatch(/^2026-01-01/);
      expect(String(at!.max)).toMatch(/^2026-01-28/);
      expect(note!.patterns!.words.distinct).toBe(2);

      const html = renderProfileHtml(p);
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('<svg class="chart histogram"');
    } finally {
      await conn.close();
    }
  });

  it('counts a dense integer key (values 1..N) exactly, ties in the top values broken by their text', async () => {
    const conn = await open();
    try {
      // 20,000 rows, keys 1..15,000: 1..5,000 twice. DuckDB counts these in an array (a range of
      // 2^14 is past its default of 2^12), set for the profile's group-bys and reset after.
      const rows = Array.from({ length: 20_000 }, (_, i) => [(i % 15_000) + 1]);
      const rel = await load(conn, 'profile_dense', { columns: [['k', 'BIGINT', 'BIGINT']], rows });
      const [k] = (await profile(conn, rel)).columns;
      expect(k).toMatchObject({ distinct: 15_000, min: 1, max: 15_000 });
      const twice = Array.from({ length: 5_000 }, (_, i) => String(i + 1)).sort();
      expect(k!.top_values).toEqual(twice.slice(0, 20).map((value) => ({ value, count: 2 })));
      expect(k!.histogram.reduce((s, b) => s + b.count, 0)).toBe(20_000);
      if (conn.dialect.name === 'duckdb')
        expect(await conn.query(`SELECT current_setting('perfect_ht_threshold') AS t`)).toEqual([{ t: 12 }]);
    } finally {
      await conn.close();
    }
  });

  it('profiles a float column holding NaN and infinities, as each engine computes them (no error)', async () => {
    const conn = await open();
    try {
      const columns: Table['columns'] = [['x', 'DOUBLE', 'DOUBLE PRECISION']];
      const rel = await load(conn, 'profile_nan', { columns, rows: [[1], ['NaN'], [3], [null], ['Infinity']] });
      const [x] = (await profile(conn, rel)).columns;
      expect(x).toMatchObject({ nulls: 1, distinct: 4 });
      // DuckDB's stddev_samp raises on these; the dialect answers NaN, as PostgreSQL does.
      expect(x!.stddev === null || Number.isNaN(x!.stddev)).toBe(true);
      const stdev = await validate(
        conn,
        rel,
        {
          name: 'nan',
          expectations: [{ type: 'expect_column_stdev_to_be_between', kwargs: { column: 'x', min_value: 0 }, severity: 'error' }],
        },
        { catalogue: await loadCatalogue() },
      );
      expect(stdev.results[0]!.exception_info.raised_exception).toBe(false);
      expect(stdev.results[0]!.success).toBe(false);
    } finally {
      await conn.close();
    }
  });

  it('profiles an empty table without failing', async () => {
    const conn = await open();
    try {
      const rel = await load(conn, 'profile_empty', { columns: table.columns, rows: [] });
      const p = await profile(conn, rel);
      expect(p.rows).toBe(0);
      expect(p.columns[0]).toMatchObject({ nulls: 0, distinct: 0, min: null, histogram: [] });
    } finally {
      await conn.close();
    }
  });

  it('profiles 300 numeric columns, past PostgreSQL’s select-list limit, with the same figures', async () => {
    const conn = await open();
    try {
      const wide: Table = {
        columns: Array.from({ length: 300 }, (_, j) => [`c${j}`, 'INTEGER', 'INTEGER'] as [string, string, string]),
        rows: Array.from({ length: 10 }, (_, i) => Array.from({ length: 300 }, (_, j) => (i === 0 && j % 7 === 0 ? null : i * j))),
      };
      const rel = await load(conn, 'profile_wide', wide);
      const queries: string[] = [];
      const p = await profile(conn, rel, { onQuery: (sql) => queries.push(sql) });
      // 6 aggregates per numeric column: 1,801 entries split where the engine limits them; the
      // 300 columns' group-bys COLUMNS_PER_QUERY at a time.
      const limit = conn.dialect.capabilities.maxSelectItems;
      expect(p.scans).toBe(queries.length);
      expect(p.scans).toBe((Number.isFinite(limit) ? Math.ceil(1801 / limit) : 1) + Math.ceil(300 / COLUMNS_PER_QUERY));
      expect(p.columns).toHaveLength(300);
      expect(p.columns[299]).toMatchObject({ nulls: 0, distinct: 10, min: 0, max: 9 * 299 });
      expect(p.columns[294]).toMatchObject({ nulls: 1, distinct: 9, min: 294, max: 9 * 294 });
      expect(p.columns[1]!.histogram.reduce((s, b) => s + b.count, 0)).toBe(10);
    } finally {
      await conn.close();
    }
  });
});
