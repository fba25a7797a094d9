// The conformance harness's own pieces: Python-faithful JSON, GE's table typing, GE's checks.
import { describe, expect, it } from 'vitest';
import type { ExpectationResult } from '../../src/engine/types.js';
import { allclose, compare } from './compare.js';
import { evaluateParameter } from './harness.js';
import { parsePy, PyFloat, pyFloatRepr, pyRepr, toJs } from './pyjson.js';
import { tableSpec, toDatetime } from './tables.js';

const result = (success: boolean, res: Record<string, unknown>, raised = false): ExpectationResult => ({
  expectation_config: { type: 't', kwargs: {}, severity: 'error', meta: {} },
  success,
  result: res,
  exception_info: { raised_exception: raised, exception_message: raised ? 'boom' : null, exception_traceback: null },
});

describe('pyjson', () => {
  it('keeps float literals and $float objects as floats', () => {
    const v = parsePy('{"a":[1,1.0,2.5e-3,{"$float":"-Infinity"}],"b":"x"}') as Record<string, unknown[]>;
    expect(v.a![0]).toBe(1);
    expect(v.a![1]).toBeInstanceOf(PyFloat);
    expect(toJs(v as never)).toEqual({ a: [1, 1, 0.0025, -Infinity], b: 'x' });
  });
  it('writes Python reprs', () => {
    expect(pyFloatRepr(6)).toBe('6.0');
    expect(pyFloatRepr(1e-5)).toBe('1e-05');
    expect(pyFloatRepr(5.139778209762386e-53)).toBe('5.139778209762386e-53');
    expect(pyRepr(parsePy('[1, 2.0, "a", null, true]'))).toBe("[1, 2.0, 'a', None, True]");
  });
});

describe('tables', () => {
  it('types columns as pandas and GE do', () => {
    const data = parsePy(
      '{"i":[1,2],"n":[1,null],"f":[1.0,2.5],"s":["a",null],"m":[1,"a"],"b":[true,null],"e":[null,null],"t":["Jan 01 1970 12:00:01","1/2/2000"]}',
    );
    const spec = tableSpec('x', data as never, { postgresql: { t: 'TIMESTAMP' } }, 'postgresql', true);
    expect(spec.columns.map((c) => [c.name, c.type])).toEqual([
      ['i', 'BIGINT'],
      ['n', 'DOUBLE'],
      ['f', 'DOUBLE'],
      ['s', 'TEXT'],
      ['m', 'TEXT'],
      ['b', 'BOOLEAN'],
      ['e', 'TEXT'],
      ['t', 'TIMESTAMP'],
      ['pk_index', 'INTEGER'],
    ]);
    expect(spec.columns[4]!.values).toEqual(['1', 'a']);
    expect(spec.columns[7]!.values).toEqual(['1970-01-01 12:00:01', '2000-01-02 00:00:00']);
  });
  it("stores date/times on SQLite as text, as SQLAlchemy's SQLite dialect writes them", () => {
    const data = parsePy('{"dt":["2000-01-01T12:00:01",null],"ts":["2000-01-01T12:00:01.5",null],"d":["2000-01-01T12:00:01",null]}');
    const schemas = { sqlite: { dt: 'DATETIME', ts: 'TIMESTAMP', d: 'DATE' }, postgresql: { dt: 'TIMESTAMP', ts: 'TIMESTAMP', d: 'DATE' } };
    const lite = tableSpec('x', data as never, schemas, 'sqlite', false);
    expect(lite.columns.map((c) => [c.type, ...c.values])).toEqual([
      ['TEXT', '2000-01-01 12:00:01', null],
      ['TEXT', '2000-01-01 12:00:01.500000', null],
      ['TEXT', '2000-01-01', null],
    ]);
    const pg = tableSpec('x', data as never, schemas, 'postgresql', false);
    expect(pg.columns.map((c) => c.type)).toEqual(['TIMESTAMP', 'TIMESTAMP', 'DATE']);
  });
  it('parses the date formats of the corpus', () => {
    expect(toDatetime('2000-01-01T12:00:01')).toBe('2000-01-01 12:00:01');
    expect(toDatetime('Dec 31 1999 12:00:01')).toBe('1999-12-31 12:00:01');
  });
  it('evaluates $PARAMETER expressions', () => {
    const now = new Date(2020, 0, 15, 10, 0, 0);
    expect(evaluateParameter('now()', now)).toBe('2020-01-15 10:00:00');
    expect(evaluateParameter('now() - timedelta(weeks=52*100)', now).slice(0, 4)).toBe('1920');
    expect(evaluateParameter('datetime(1969, 1, 1)')).toBe('1969-01-01 00:00:00');
  });
});

describe('compare', () => {
  const base = { exactMatchOut: false, tolerance: null, pkColumn: true };
  it('uses allclose only when the expected repr has a decimal literal', () => {
    expect(allclose(1.04, 1.0, 1e-7, 5e-2)).toBe(true);
    const ok = compare({ ...base, expected: parsePy('{"observed_value": 1.0}') as never, actual: result(true, { observed_value: 1.04 }) });
    expect(ok.pass).toBe(true);
    const exact = compare({ ...base, expected: parsePy('{"observed_value": 1}') as never, actual: result(true, { observed_value: 1.04 }) });
    expect(exact.pass).toBe(false);
  });
  it('ignores order but not multiplicity of unexpected values', () => {
    const expected = parsePy('{"unexpected_list": ["b", "a", "a"]}') as never;
    expect(compare({ ...base, expected, actual: result(false, { unexpected_list: ['a', 'b', 'a'] }) }).pass).toBe(true);
    expect(compare({ ...base, expected, actual: result(false, { unexpected_list: ['a', 'b'] }) }).pass).toBe(false);
  });
  it('checks unexpected_index_list sorted by pk_index, only when the result has one', () => {
    const expected = parsePy('{"unexpected_index_list": [{"x": 5, "pk_index": 1}, {"x": 7, "pk_index": 3}]}') as never;
    const idx = [
      { pk_index: 3, x: 7 },
      { pk_index: 1, x: 5 },
    ];
    expect(compare({ ...base, expected, actual: result(false, { unexpected_index_list: idx, unexpected_index_query: 'q' }) }).pass).toBe(
      true,
    );
    expect(compare({ ...base, expected, actual: result(false, { unexpected_index_list: idx }) }).pass).toBe(false);
    expect(compare({ ...base, expected, actual: result(true, { unexpected_index_list: [] }) }).pass).toBe(true);
  });
  it('compares exact_match_out on the result keys both sides have', () => {
    const expected = parsePy('{"success": false, "result": {"observed_value": 6.0, "element_count": 4}}') as never;
    const v = compare({ ...base, exactMatchOut: true, expected, actual: result(false, { observed_value: 6 }) });
    expect(v.pass).toBe(true);
    expect(v.notes.join()).toMatch(/element_count/);
    expect(compare({ ...base, exactMatchOut: true, expected, actual: result(true, { observed_value: 6 }) }).pass).toBe(false);
  });
  it('accepts any raised exception for traceback_substring', () => {
    const expected = parsePy('{"traceback_substring": "ValueError"}') as never;
    expect(compare({ ...base, expected, actual: result(false, {}, true) }).pass).toBe(true);
    expect(compare({ ...base, expected, actual: result(false, {}) }).pass).toBe(false);
  });
});
