import { describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../src/dialects/duckdb.js';
import { compileRowCondition } from '../../src/engine/row-condition.js';

const cols = ['x', 'y', 'name'];
const compile = (c: string, p?: string) => compileRowCondition(c, p, duckdbDialect, cols);

describe('row_condition', () => {
  it('keeps SQL as written, parenthesised', () => {
    expect(compile(`x > 1 AND "name" = 'a'`)).toBe(`(x > 1 AND "name" = 'a')`);
  });
  it('translates Great Expectations and pandas syntax', () => {
    expect(compile('col("x") == 1 & col("name") != "a"', 'great_expectations')).toBe(`("x" = 1  AND  "name" <> 'a')`);
    expect(compile('x == 1 | y < 2', 'pandas')).toBe(`("x" = 1  OR  "y" < 2)`);
  });
  it('refuses a second statement, comments, dollar quoting and backslash escapes', () => {
    expect(() => compile('x = 1; DROP TABLE t')).toThrow(/";"/);
    expect(() => compile('x = 1 -- comment')).toThrow(/comments/);
    expect(() => compile('x = 1 /* c */')).toThrow(/comments/);
    expect(() => compile("x = E'\\''; DROP TABLE t")).toThrow();
    expect(() => compile('x = $$a$$')).toThrow(/\$/);
  });
  it('refuses unknown names in translated syntax', () => {
    expect(() => compile('zzz == 1', 'pandas')).toThrow(/unknown name zzz/);
  });
});
