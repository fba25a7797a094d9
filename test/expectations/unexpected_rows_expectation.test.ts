import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'unexpected_rows_expectation';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (4, 'a;b'), (5, 'b'), (6, NULL), (7, 'd')) v(c1, "we""ird col")`);

const run = (q: string, extra: Record<string, unknown> = {}) => db.check('t', T, { unexpected_rows_query: q, ...extra });
const dropped = async () => (await db.conn.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 't'`))[0]!.n === 0;

describe(T, () => {
  it('counts the rows the query returns, {batch} standing for the table', async () => {
    expect(await run('SELECT * FROM {batch} WHERE c1 > 7')).toMatchObject({
      success: true,
      result: { observed_value: '0 unexpected rows' },
    });
    const r = await run('SELECT * FROM {batch} WHERE c1 > 6;');
    expect(r).toMatchObject({
      success: false,
      result: { observed_value: '1 unexpected row', details: { unexpected_rows: [{ c1: 7, 'we"ird col': 'd' }] } },
    });
    expect((await run(`SELECT * FROM {batch} WHERE "we""ird col" = 'a;b' -- a comment`)).result.observed_value).toBe('1 unexpected row');
  });

  it('applies row_condition to {batch}; reads rows only for SUMMARY and COMPLETE', async () => {
    expect((await run('SELECT * FROM {batch}', { row_condition: 'c1 >= 6' })).result.observed_value).toBe('2 unexpected rows');
    const basic = await run('SELECT * FROM {batch}', { result_format: 'BASIC' });
    expect(basic.result).toEqual({ observed_value: '4 unexpected rows' });
    expect(basic.queries).toHaveLength(1);
    expect((await run('SELECT * FROM {batch}', { result_format: 'BOOLEAN_ONLY' })).result).toEqual({});
  });

  it('refuses a second statement however it is hidden', async () => {
    const attempts = [
      'SELECT * FROM {batch}; DROP TABLE t',
      "SELECT * FROM {batch} WHERE c1 = E'\\''; DROP TABLE t; SELECT ''",
      "SELECT $$'$$; DROP TABLE t; SELECT '$$'",
      "SELECT 1 -- x\r'\n'; DROP TABLE t; SELECT '",
      "SELECT 1 /* /* */ ' */; DROP TABLE t; SELECT '",
      'SELECT 1) AS q; DROP TABLE t; SELECT * FROM (SELECT 1',
      'DROP TABLE t',
    ];
    for (const q of attempts) {
      const r = await run(q);
      expect(r.exception_info.raised_exception, q).toBe(true);
      expect(await dropped(), q).toBe(false);
    }
  });

  it('refuses unknown placeholders and reads {{ }} as braces', async () => {
    expect((await run('SELECT * FROM {table}')).exception_info.exception_message).toMatch(/unknown placeholder \{table\}/);
    expect((await run(`SELECT * FROM {batch} WHERE {{'k': c1}}.k > 6`)).result.observed_value).toBe('1 unexpected row');
  });
});
