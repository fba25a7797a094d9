// Issue 11, finding 16: a JSON input column mixing strings and numbers is typed JSON by DuckDB;
// Assay reads it as text, as Great Expectations (pandas) sees the values: no JSON quotes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { openInput } from '../../src/engine/sources.js';
import type { Suite } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';

let dir: string;
let conn: DuckDBConnection;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'assay-json-'));
  conn = await DuckDBConnection.open();
});
afterAll(async () => {
  await conn.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a JSON column of mixed kinds', () => {
  for (const [format, text] of [
    ['json', '[{"id":1,"code":"abc"},{"id":2,"code":12},{"id":3,"code":null},{"id":4,"code":"x y"}]'],
    ['ndjson', '{"id":1,"code":"abc"}\n{"id":2,"code":12}\n{"id":3,"code":null}\n{"id":4,"code":"x y"}\n'],
  ] as const) {
    it(`${format}: reads as text, so text expectations see the values themselves`, async () => {
      const file = path.join(dir, `mixed.${format}`);
      writeFileSync(file, text);
      const input = await openInput(conn, { paths: [file] });
      expect((await conn.columns(input.relation)).find((c) => c.name === 'code')?.type).toBe('VARCHAR');
      expect((await conn.query(`SELECT code FROM ${input.relation} ORDER BY id`)).map((r) => r.code)).toEqual(['abc', '12', null, 'x y']);
      const suite: Suite = {
        name: 's',
        expectations: [
          { type: 'expect_column_values_to_match_regex', kwargs: { column: 'code', regex: '^[a-z0-9]+$' }, severity: 'error' },
          { type: 'expect_column_value_lengths_to_be_between', kwargs: { column: 'code', max_value: 3 }, severity: 'error' },
          { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'code', value_set: ['abc', '12'] }, severity: 'error' },
        ],
      };
      const res = await validate(conn, input.relation, suite, { catalogue: await loadCatalogue(), resultFormat: 'COMPLETE' });
      expect(res.results.map((r) => r.result.unexpected_list)).toEqual([['x y'], [], ['x y']]);
    });
  }
});
