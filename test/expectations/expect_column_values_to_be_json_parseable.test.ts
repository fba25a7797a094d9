import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_json_parseable';
// Verdicts of Python's json.loads; DuckDB's json_valid alone would accept 'nan' and '[1,]'.
const OK = ['NaN', '{"a": Infinity}', '{"a":1}', '"x"', '["\\ud800"]', ' [1, 2] '];
const BAD = ['[1,]', 'nan', '{"a":1} x', "{'a':1}", '{"a":1,}', 'abc'];

const rows = [...OK, ...BAD].map((v) => `('${v.replaceAll("'", "''")}')`).join(', ');
const db = testDatabase(
  `CREATE TABLE t AS SELECT s FROM (VALUES ${rows}, (NULL)) v(s)`,
  `CREATE TABLE n AS SELECT * FROM (VALUES (1), (2), (NULL)) v(x)`,
);

describe(T, () => {
  it('follows Python json.loads, in the fused scan', async () => {
    const r = await db.check('t', T, { column: 's' });
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: BAD.length, unexpected_list: BAD });
    expect(r.queries.filter((q) => q.purpose === 'fused')).toHaveLength(1);
  });

  it('counts non-text values as unparseable (json.loads of a number fails)', async () => {
    expect((await db.check('n', T, { column: 'x' })).result).toMatchObject({ unexpected_count: 2, missing_count: 1 });
  });
});
