// Property: any suite file, valid or mangled, YAML or Great Expectations JSON, ends with an
// exit code in 0-3 and a message: a suite error is exit 2 at load, a failed expectation exit 1
// or an expectation's exception_info, never a crash (exit 4) and never a hang.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSuite } from '../../src/config/suite.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { gateOpen } from '../../src/engine/gate.js';
import { openInput } from '../../src/engine/sources.js';
import { validate } from '../../src/engine/validate.js';
import { assay } from '../cli/run-cli.js';
import { fuzz, timeoutFor, type Outcome } from './harness.js';

const catalogue = await (await loadCatalogue()).load();
const types = catalogue.types();
const dir = mkdtempSync(path.join(tmpdir(), 'assay-fuzz-'));
const csv = path.join(dir, 'data.csv');
writeFileSync(
  csv,
  'id,name,amount,day,flag,"we\'ird col"\n1,Ann,10.5,2024-01-01,true,x\n2,Bob,-3,2024-02-30,false,\n3,,1e3,,true,"a,b"\n4,"O\'Hara",NaN,2024-03-01,,y\n',
);
let conn: DuckDBConnection;
let relation: string;
beforeAll(async () => {
  conn = await DuckDBConnection.open();
  relation = (await openInput(conn, { paths: [csv] })).relation;
});
afterAll(async () => {
  await conn.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---- what a suite is made of ------------------------------------------------------------

const columns = ['id', 'name', 'amount', 'day', 'flag', "we'ird col", 'nope', ''];
const hostile = [
  "'; DROP TABLE t; --",
  '1=1) OR (1=1',
  "read_text('/etc/passwd')",
  '__proto__',
  'constructor',
  'x\n::warning::injected',
  '{batch}',
  '{other}',
  '$1',
  '\\',
  '/* ',
  '\u0000',
  '💥',
  'SELECT * FROM {batch} WHERE amount < 0',
  'amount > 0',
  'col("amount") > 0',
  '[a-z]+',
  '(',
  '%Y-%m-%d',
];
const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 0.5, 1, 2 ** 53, 1e308, -1e308, Number.MIN_VALUE),
);
const leaf = fc.oneof(number, fc.boolean(), fc.constant(null), fc.constantFrom(...columns, ...hostile), fc.string({ maxLength: 12 }));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;

/** Kwargs drawn from the type's own schema keys (so many are valid) and a few strangers. */
function kwargsFor(type: string): fc.Arbitrary<Record<string, unknown>> {
  const schema = catalogue.get(type)!.schema as { properties?: Record<string, unknown> };
  const keys = [
    ...Object.keys(schema.properties ?? {}),
    'column',
    'column_A',
    'column_B',
    'column_list',
    'mostly',
    'row_condition',
    'condition_parser',
    'result_format',
    'value_set',
    'min_value',
    'max_value',
    '__proto__',
    'nope',
  ];
  const entry = fc.tuple(
    fc.constantFrom(...keys),
    fc.oneof(
      value,
      fc.constantFrom(...columns),
      fc.constantFrom(...hostile),
      fc.constantFrom('SUMMARY', 'COMPLETE', { result_format: 'COMPLETE', partial_unexpected_count: 3 }),
    ),
  );
  return fc.array(entry, { maxLength: 6 }).map((pairs) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

const col = fc.constantFrom(...columns);
const num = fc.oneof(fc.integer({ min: -10, max: 100 }), fc.constantFrom(0.5, 1e3, -3, 1e308));
const rowCondition = fc.constantFrom(
  'amount > 0',
  '"id" < 3',
  'name IS NOT NULL',
  '1=1) OR (1=1',
  'amount > 0 AND (id < 3',
  "name = 'Ann'",
);
/** Well-formed expectations, so most cases reach the engine and some pass and some fail. */
const wellFormed = fc
  .oneof(
    fc.record({ type: fc.constant('expect_column_values_to_not_be_null'), kwargs: fc.record({ column: col }) }),
    fc.record({
      type: fc.constant('expect_column_values_to_be_between'),
      kwargs: fc.record(
        { column: col, min_value: num, max_value: num, mostly: fc.double({ min: 0, max: 1, noNaN: true }) },
        { requiredKeys: ['column', 'min_value'] },
      ),
    }),
    fc.record({
      type: fc.constant('expect_column_values_to_be_in_set'),
      kwargs: fc.record({ column: col, value_set: fc.array(leaf, { maxLength: 5 }) }),
    }),
    fc.record({
      type: fc.constant('expect_column_values_to_match_regex'),
      kwargs: fc.record({ column: col, regex: fc.constantFrom(...hostile) }),
    }),
    fc.record({
      type: fc.constant('expect_column_distinct_values_to_be_in_set'),
      kwargs: fc.record({ column: col, value_set: fc.array(leaf, { maxLength: 5 }) }),
    }),
    fc.record({
      type: fc.constant('expect_column_most_common_value_to_be_in_set'),
      kwargs: fc.record({ column: col, value_set: fc.array(leaf, { maxLength: 5 }) }),
    }),
    fc.record({
      type: fc.constant('expect_table_row_count_to_be_between'),
      kwargs: fc.record({ min_value: fc.nat(10), max_value: fc.nat(10) }, { requiredKeys: [] }),
    }),
    fc.record({ type: fc.constant('expect_column_mean_to_be_between'), kwargs: fc.record({ column: col, min_value: num }) }),
    fc.record({
      type: fc.constant('expect_table_columns_to_match_set'),
      kwargs: fc.record({ column_set: fc.array(col, { maxLength: 6 }) }),
    }),
    fc.record({
      type: fc.constant('unexpected_rows_expectation'),
      kwargs: fc.record({ unexpected_rows_query: fc.constantFrom(...hostile) }),
    }),
  )
  .chain((e) =>
    fc
      .record({ row_condition: rowCondition, result_format: fc.constantFrom('BASIC', 'SUMMARY', 'COMPLETE') }, { requiredKeys: [] })
      .map((extra) => ({ ...e, kwargs: { ...e.kwargs, ...extra } })),
  );

const anyExpectation = fc.constantFrom(...types).chain((type) =>
  fc.record(
    {
      type: fc.oneof({ weight: 9, arbitrary: fc.constant(type) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }),
      kwargs: kwargsFor(type),
      severity: fc.constantFrom('error', 'warning', 'info', 'critical', 'fatal'),
      meta: value,
    },
    { requiredKeys: ['type', 'kwargs'] },
  ),
);

const expectation = fc.oneof({ weight: 8, arbitrary: wellFormed }, { weight: 1, arbitrary: anyExpectation });

const suiteObject = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...hostile)),
    expectations: fc.array(expectation, { minLength: 0, maxLength: 4 }),
  },
  { requiredKeys: ['expectations'] },
);

type Mutation = { at: number; cut: number; insert: string };
const mutation = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(',', ']', '}', '{', '[', ': ', '\n  - ', '!!binary ', '!tag ', '&a ', '*a', 'NaN', '.nan', '1e400', '"', "'", '#'),
  ),
});

/** A suite's text: YAML or GE-style JSON (0.x or 1.x spelling), maybe mangled a few times. */
const suiteText = fc
  .record({
    suite: suiteObject,
    format: fc.constantFrom('yaml', 'json-1x', 'json-0x'),
    mutations: fc.oneof(
      { weight: 4, arbitrary: fc.constant([] as Mutation[]) },
      { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
    ),
  })
  .map(({ suite, format, mutations }) => {
    let text: string;
    if (format === 'yaml') text = stringify(suite);
    else if (format === 'json-1x') text = JSON.stringify(suite, null, 2);
    else {
      const { name, expectations } = suite;
      const ge = {
        expectation_suite_name: name,
        expectations: expectations.map(({ type, ...rest }) => ({ expectation_type: type, ...rest })),
      };
      text = JSON.stringify(ge, null, 2);
    }
    for (const m of mutations) {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
    }
    return { text, file: format === 'yaml' ? 'suite.yml' : 'suite.json' };
  });

async function runSuite(text: string, file: string): Promise<Outcome> {
  const suite = parseSuite(text, file, catalogue);
  const result = await validate(conn, relation, suite, { catalogue, dataSource: 'fuzz' });
  return { code: gateOpen(result, 'error') ? 0 : 1, message: '' };
}

describe('fuzzed suites', () => {
  it(
    'any suite text ends in exit 0-3 with a message, never 4, never a hang',
    async () => {
      const report = await fuzz('suites', suiteText, ({ text, file }) => runSuite(text, file), {
        seconds: 16,
        show: ({ text }) => text,
      });
      expect(report.cases).toBeGreaterThan(50);
      // The generator reaches every outcome: valid suites that pass and fail, and refused ones.
      expect(Object.keys(report.codes).sort()).toEqual(expect.arrayContaining(['0', '1', '2']));
    },
    timeoutFor(16),
  );

  it('the CLI agrees on a few, as a process', () => {
    const cases = fc.sample(suiteText, { seed: 7, numRuns: 3 });
    for (const [i, { text, file }] of cases.entries()) {
      const suite = path.join(dir, `${i}-${file}`);
      writeFileSync(suite, text);
      const r = assay(['validate', csv, '--suite', suite]);
      expect([0, 1, 2, 3], `${text}\n${r.stdout}${r.stderr}`).toContain(r.code);
      if (r.code >= 2) expect(r.stderr.trim()).not.toBe('');
    }
  }, 120_000);
});
