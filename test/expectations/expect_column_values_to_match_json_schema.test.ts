import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_match_json_schema';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES ('{"a":1}', 1), ('{"a":2}', 2), ('{"a":"x"}', 3), ('{"a":NaN}', 4), ('{"a":1}', 5), (NULL, 6)) v(x, n)`,
  `CREATE TABLE bad AS SELECT * FROM (VALUES ('{"a":1}'), ('not json')) v(x)`,
);

describe(T, () => {
  it('validates each distinct document', async () => {
    const r = await db.check('t', T, { column: 'x', json_schema: { properties: { a: { type: 'integer' } }, required: ['a'] } });
    expect(r.result).toMatchObject({ unexpected_count: 2, unexpected_index_list: [2, 3], missing_count: 1 });
    expect(r.result.unexpected_list).toEqual(['{"a":"x"}', '{"a":NaN}']);
    const num = await db.check('t', T, { column: 'x', json_schema: { properties: { a: { type: 'number' } } }, mostly: 0.8 });
    expect(num.result).toMatchObject({ unexpected_list: ['{"a":"x"}'] });
    expect(num.success).toBe(true);
    expect((await db.check('t', T, { column: 'x', json_schema: {} })).success).toBe(true);
  });

  it('reads $schema, ignores format and unknown keywords (as jsonschema.validate)', async () => {
    const draft7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      properties: { a: { type: 'integer', format: 'email', 'x-note': 1 } },
    };
    expect((await db.check('t', T, { column: 'x', json_schema: draft7 })).result).toMatchObject({ unexpected_count: 2 });
  });

  it('raises on a document that is not JSON, a bad schema, a non-text column', async () => {
    expect((await db.check('bad', T, { column: 'x', json_schema: {} })).exception_info.raised_exception).toBe(true);
    expect((await db.check('t', T, { column: 'x', json_schema: { type: 'nope' } })).exception_info.exception_message).toMatch(
      /not a valid JSON Schema/,
    );
    expect((await db.check('t', T, { column: 'n', json_schema: {} })).exception_info.exception_message).toMatch(
      /must be str, bytes or bytearray/,
    );
  });
});
