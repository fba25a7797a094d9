// Property: any CSV, TSV, JSON or NDJSON file, well-formed or broken (ragged rows, stray quotes,
// binary bytes, BOMs, truncated JSON, scalars, mixed types), validated through the API as
// `assay validate` does, ends with an exit code in 0-3 and a message: a malformed input is exit 3
// naming the file, never a crash (exit 4) and never a hang.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/api/validate.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { fuzz, timeoutFor, type Outcome } from './harness.js';

const catalogue = await loadCatalogue();
const dir = mkdtempSync(path.join(tmpdir(), 'assay-fuzz-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const suite = {
  name: 'inputs',
  expectations: [
    { type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1 } },
    { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' } },
    { type: 'expect_column_values_to_be_between', kwargs: { column: 'amount', min_value: 0 } },
    { type: 'expect_column_values_to_match_regex', kwargs: { column: 'name', regex: '^[A-Z]' } },
    { type: 'expect_column_distinct_values_to_be_in_set', kwargs: { column: 'flag', value_set: [true, false] } },
  ],
};

const odd = fc.constantFrom(
  '',
  '"',
  '""',
  '"a,b"',
  '"a\nb"',
  "O'Hara",
  '\\',
  '\u0000',
  '\ufeff',
  '\r',
  '💥',
  'NaN',
  '-Infinity',
  '1e400',
  '2024-02-30',
  'NULL',
  'true',
  ' ',
  '\t',
  ',',
  ';',
  '{"a":1}',
  '[1,2]',
);
const field = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.double().map(String), fc.string({ maxLength: 8 }), odd);
const header = fc.oneof(
  { weight: 4, arbitrary: fc.constant(['id', 'name', 'amount', 'flag']) },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(fc.constantFrom('id', 'name', 'amount', 'flag', 'id'), fc.string({ maxLength: 6 }), odd), {
      maxLength: 6,
    }),
  },
);
const csvText = fc
  .record({
    header,
    rows: fc.array(fc.array(field, { maxLength: 6 }), { maxLength: 12 }),
    sep: fc.constantFrom(',', ',', ',', ';', '\t', '|'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
  })
  .map(({ header, rows, sep, eol }) => [header, ...rows].map((r) => r.join(sep)).join(eol));

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 8 }),
    odd,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('id', 'name', 'amount', 'flag', 'x', ''), tie('v'), { maxKeys: 4 }),
  ),
})).v;
const record = fc.record({ id: jsonValue, name: jsonValue, amount: jsonValue, flag: jsonValue }, { requiredKeys: [] });
const jsonText = fc.oneof(
  { weight: 4, arbitrary: fc.array(record, { maxLength: 10 }).map((rs) => JSON.stringify(rs)) },
  { weight: 1, arbitrary: fc.record({ data: fc.array(record, { maxLength: 5 }) }).map((o) => JSON.stringify(o)) },
  { weight: 1, arbitrary: jsonValue.map((v) => JSON.stringify(v) ?? 'null') },
);
const ndjsonText = fc
  .array(fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: jsonValue }), { maxLength: 10 })
  .map((rs) => rs.map((r) => JSON.stringify(r)).join('\n'));

type Mutation = { at: number; cut: number; insert: string };
const mutation = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 6 }),
  insert: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('"', ',', '\n', '{', '}', '[', ']', '\u0000\u0001\u00ff', '\ufeff')),
});

const input = fc
  .record({
    kind: fc.constantFrom('csv', 'tsv', 'json', 'ndjson'),
    csv: csvText,
    json: jsonText,
    ndjson: ndjsonText,
    mutations: fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as Mutation[]) },
      { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
    ),
    binary: fc.oneof(
      { weight: 12, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }) },
    ),
  })
  .map(({ kind, csv, json, ndjson, mutations, binary }) => {
    let text = kind === 'json' ? json : kind === 'ndjson' ? ndjson : kind === 'tsv' ? csv.replaceAll(',', '\t') : csv;
    for (const m of mutations) {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
    }
    return { kind, content: binary ? Buffer.concat([Buffer.from(text), Buffer.from(binary)]) : Buffer.from(text) };
  });

let n = 0;
async function runInput(kind: string, content: Buffer): Promise<Outcome> {
  const file = path.join(dir, `${n++}.${kind}`);
  writeFileSync(file, content);
  try {
    const result = await validate(file, suite, { catalogue });
    return { code: result.success ? 0 : 1, message: '' };
  } finally {
    rmSync(file, { force: true });
  }
}

describe('fuzzed inputs', () => {
  it(
    'any CSV, TSV, JSON or NDJSON file ends in exit 0-3 with a message, never 4, never a hang',
    async () => {
      const report = await fuzz('inputs', input, ({ kind, content }) => runInput(kind, content), {
        seconds: 6,
        show: ({ kind, content }) => `${kind}: ${JSON.stringify(content.toString('latin1'))}`,
      });
      expect(report.cases).toBeGreaterThan(20);
      expect(Object.keys(report.codes)).toEqual(expect.arrayContaining(['1', '3']));
    },
    timeoutFor(6),
  );
});
