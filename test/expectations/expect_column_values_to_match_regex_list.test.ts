import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_match_regex_list';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('111'), ('456'), ('123'), ('x'), (NULL)) v(w)`);

describe(T, () => {
  it('any (default): one match suffices', async () => {
    const r = await db.check('t', T, { column: 'w', regex_list: ['[123]+', '[456]+'] });
    expect(r.result).toMatchObject({ unexpected_list: ['x'] });
  });

  it('all: every regex must match', async () => {
    const r = await db.check('t', T, { column: 'w', regex_list: ['[123]', '[1]'], match_on: 'all' });
    expect(r.result).toMatchObject({ unexpected_list: ['456', 'x'] });
  });

  it('refuses an empty list', async () => {
    const r = await db.check('t', T, { column: 'w', regex_list: [] });
    expect(r.exception_info.exception_message).toMatch(/must not be empty/);
  });
});
