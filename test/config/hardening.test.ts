// Suites are untrusted input (a CI gate reads them from pull requests): every way of writing
// one that could be wrong at run time, hide a kwarg or make Assay work without end is refused
// when the suite is loaded, as an AssaySuiteError (exit 2) naming file:line:column.
import { describe, expect, it } from 'vitest';
import { closest } from '../../src/config/errors.js';
import { AssayConfigError, type ConfigIssue } from '../../src/errors.js';
import { parseSuite } from '../../src/config/suite.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';

const catalogue = await (await loadCatalogue()).load();

function issuesOf(text: string, file = 's.yml'): ConfigIssue[] {
  try {
    parseSuite(text, file, catalogue);
  } catch (err) {
    if (err instanceof AssayConfigError) return err.issues;
    throw err;
  }
  throw new Error('the suite was accepted');
}

/** `line:column code message` of each issue, for one assertion per case. */
const brief = (text: string, file?: string) => issuesOf(text, file).map((i) => `${i.line}:${i.column} ${i.code} ${i.message}`);

const one = (type: string, kwargs: string) => `name: t\nexpectations:\n  - type: ${type}\n    kwargs: ${kwargs}\n`;

describe('suites that cannot be wrong at run time', () => {
  it('refuses prototype keys anywhere, in YAML and JSON, so no kwarg hides in a prototype', () => {
    const yaml = one('expect_column_values_to_not_be_null', '{column: id, __proto__: {row_condition: "1=0"}}');
    expect(brief(yaml)).toEqual(["4:26 forbidden_key the key __proto__ is not allowed (it names JavaScript's object internals)"]);
    const json = JSON.stringify({ name: 't', expectations: [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' } }] });
    const withProto = json.replace('"column":"id"', '"column":"id","__proto__":{"mostly":0}');
    expect(brief(withProto, 's.json')).toEqual([
      "1:99 forbidden_key the key __proto__ is not allowed (it names JavaScript's object internals)",
    ]);
    expect(brief(one('expect_column_values_to_not_be_null', '{column: id, meta: {constructor: 1}}'))[0]).toMatch(
      /forbidden_key the key constructor/,
    );
    expect(brief(`name: t\nprototype: 1\nexpectations: []\n`)[0]).toMatch(/^2:1 forbidden_key/);
  });

  it('refuses NaN and infinities as bounds and values, in every spelling', () => {
    const between = (v: string) => one('expect_column_values_to_be_between', `{column: x, min_value: 0, max_value: ${v}}`);
    expect(brief(between('.nan'))).toEqual(['4:50 not_finite .nan is not a finite number (NaN and infinities are not accepted)']);
    expect(brief(between('.inf'))[0]).toMatch(/not_finite/);
    expect(brief(between('-.Inf'))[0]).toMatch(/not_finite/);
    expect(brief(one('expect_column_max_to_be_between', '{column: x, max_value: "nan"}'))[0]).toMatch(
      /invalid_kwarg .*max_value: "nan" is not a finite number/,
    );
    expect(brief(one('expect_column_values_to_be_in_set', '{column: x, value_set: [1, .NaN]}'))[0]).toMatch(/not_finite/);
    const json = `{"name": "t", "expectations": [{"type": "expect_column_max_to_be_between", "kwargs": {"column": "x", "max_value": NaN}}]}`;
    expect(brief(json, 's.json')).toEqual([
      '1:115 not_finite NaN is not JSON and not a finite number (NaN and infinities are not accepted)',
    ]);
    expect(brief(json.replace('NaN', '-Infinity'), 's.json')[0]).toMatch(/not_finite -Infinity/);
    const huge = one(
      'expect_column_values_to_not_be_null',
      '{column: x, result_format: {result_format: SUMMARY, partial_unexpected_count: 1e400}}',
    );
    expect(brief(huge)[0]).toMatch(/not_finite 1e400 is not a finite number/);
  });

  it('still reads open-ended KL partitions, where GE writes infinities', () => {
    const kwargs = '{column: x, threshold: 0.1, partition_object: {bins: [-.inf, 0, .inf], weights: [0.5, 0.5]}}';
    expect(parseSuite(one('expect_column_kl_divergence_to_be_less_than', kwargs), 's.yml', catalogue).expectations).toHaveLength(1);
  });

  it('refuses kwargs of the wrong kind, and checks beyond the schema, at load', () => {
    const cases: [string, string, RegExp][] = [
      [
        'expect_column_values_to_be_between',
        '{column: x, min_value: [1], max_value: 2}',
        /kwarg min_value must be number or string or null/,
      ],
      [
        'expect_column_mean_to_be_between',
        '{column: x, min_value: {a: 1}, max_value: {b: 2}}',
        /kwarg min_value must be number or string or null/,
      ],
      ['expect_column_values_to_be_between', '{column: x}', /min_value and max_value cannot both be None/],
      ['expect_column_value_lengths_to_be_between', '{column: x}', /min_value and max_value cannot both be None/],
      ['unexpected_rows_expectation', '{unexpected_rows_query: "SELECT * FROM {batch}; SELECT 1"}', /must be one query/],
      ['unexpected_rows_expectation', '{unexpected_rows_query: "DELETE FROM {batch}"}', /must be a query \(SELECT/],
      ['unexpected_rows_expectation', '{unexpected_rows_query: "SELECT * FROM {table}"}', /unknown placeholder \{table\}/],
      ['expect_column_values_to_match_json_schema', '{column: x, json_schema: {type: nope}}', /json_schema is not a valid JSON Schema/],
      [
        'expect_column_quantile_values_to_be_between',
        '{column: x, quantile_ranges: {quantiles: [0.5, 0.9], value_ranges: [[1, 2]]}}',
        /same number of elements/,
      ],
      ['expect_column_kl_divergence_to_be_less_than', '{column: x, threshold: 0.1, partition_object: {weights: [1]}}', /partition/i],
      ['expect_table_row_count_to_equal', '{value: 1.5}', /must be integer/],
    ];
    for (const [type, kwargs, message] of cases) {
      const issues = issuesOf(one(type, kwargs));
      expect(issues.map((i) => i.message).join('\n'), `${type} ${kwargs}`).toMatch(message);
      expect(issues[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number), file: 's.yml' });
    }
  });

  it('parses row_condition like the unexpected-rows query: it cannot leave its parentheses', () => {
    const rc = (c: string) => one('expect_column_values_to_not_be_null', `{column: x, row_condition: ${JSON.stringify(c)}}`);
    expect(brief(rc('1=1) OR (1=1'))[0]).toMatch(/^4:25 invalid_kwarg row_condition has an unbalanced "\)"/);
    expect(brief(rc('(x > 1'))[0]).toMatch(/unbalanced "\("/);
    expect(brief(rc('x > 1; DROP TABLE t'))[0]).toMatch(/may not contain ";"/);
    expect(parseSuite(rc('(x > 1) AND (x < 3)'), 's.yml', catalogue).expectations).toHaveLength(1);
  });
});

describe('calls of file, network and settings functions are refused at load', () => {
  it('in row_condition and unexpected_rows_query, by any spelling of the name; a string may name them', () => {
    const rc = (c: string) => one('expect_column_values_to_not_be_null', `{column: x, row_condition: ${JSON.stringify(c)}}`);
    const q = (c: string) => one('unexpected_rows_expectation', `{unexpected_rows_query: ${JSON.stringify(c)}}`);
    for (const text of [
      rc("length(pg_read_file('/etc/passwd')) > 0"),
      rc("pg_catalog.lo_import('/etc/passwd') > 0"),
      rc("set_config('default_transaction_read_only', 'off', false) IS NULL"),
      q("SELECT * FROM READ_TEXT('/etc/passwd')"),
      q('SELECT * FROM "glob" (\'/*\')'),
      q("SELECT * FROM query('SELECT 1')"),
      q("SELECT * FROM dblink('host=x', 'SELECT 1') AS t(a int)"),
    ]) {
      expect(brief(text)[0], text).toMatch(/invalid_kwarg (row_condition|unexpected_rows_query) may not call \S+\(\)/);
    }
    expect(parseSuite(rc("x <> 'read_text(1)'"), 's.yml', catalogue).expectations).toHaveLength(1);
    expect(parseSuite(q("SELECT * FROM {batch} WHERE note = 'glob('"), 's.yml', catalogue).expectations).toHaveLength(1);
  });
});

describe('lenient reading refused', () => {
  it('GE JSON with a trailing comma or an unknown key', () => {
    const ok = { name: 't', expectations: [{ expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'x' } }] };
    expect(parseSuite(JSON.stringify(ok), 's.json', catalogue).expectations).toHaveLength(1);
    const comma = JSON.stringify(ok, null, 2).replace('"x"\n', '"x",\n');
    expect(brief(comma, 's.json')).toEqual(['7:22 yaml_syntax a trailing comma is not valid JSON']);
    expect(brief(JSON.stringify({ ...ok, extra: 1 }), 's.json')[0]).toMatch(/unknown_key unknown key extra/);
  });

  it('unknown YAML tags and tags that make non-JSON values', () => {
    expect(brief(`name: !secret t\nexpectations: []\n`)[0]).toMatch(/^1:7 yaml_syntax Unresolved tag: !secret/);
    expect(brief(`name: t\nmeta: {b: !!binary aGk=}\nexpectations: []\n`)[0]).toMatch(/Unresolved tag: tag:yaml.org,2002:binary/);
  });
});

describe('limits', () => {
  it('a suite nested 2,000 deep is exit 2 with a clear message, not a stack overflow', () => {
    let deep = 'name: t\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs:\n      column: x\n      meta:\n';
    for (let i = 0; i < 2000; i++) deep += `${' '.repeat(8 + i * 2)}k:\n`;
    expect(brief(deep)[0]).toMatch(/too_deep nested (more than 64 levels deep|too deeply to read)/);
    const flow = `name: t\nexpectations: ${'['.repeat(3000)}${']'.repeat(3000)}\n`;
    expect(brief(flow)[0]).toMatch(/too_deep/);
    const seventy = `name: t\nmeta: ${'['.repeat(70)}${']'.repeat(70)}\nexpectations: []\n`;
    expect(brief(seventy)).toEqual(['2:70 too_deep nested more than 64 levels deep']);
  });

  it('a 1 MB unknown type name is answered at once, and not echoed whole', () => {
    const name = `expect_${'x'.repeat(1_000_000)}`;
    const started = performance.now();
    const [issue] = issuesOf(one(name, '{}'));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(issue!.message.length).toBeLessThan(300);
    expect(issue!.message).toMatch(/unknown expectation type expect_x+\.\.\. \(1000007 characters\)/);
    // Bounded, but still helpful where it matters.
    expect(closest('expect_column_valeus_to_be_null', catalogue.types())).toBe('expect_column_values_to_be_null');
  });

  it('suite name length and expectation count are bounded', () => {
    expect(brief(`name: ${'n'.repeat(1001)}\nexpectations: []\n`)[0]).toMatch(/must NOT have more than 1000 characters/);
    const many = `name: t\nexpectations:\n${'  - {type: expect_table_row_count_to_equal, kwargs: {value: 1}}\n'.repeat(10_001)}`;
    expect(brief(many)[0]).toMatch(/must NOT have more than 10000 items/);
  });
});
