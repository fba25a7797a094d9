// Property: any pipeline file, well-formed or mangled, over any staged CSV or JSON, ends with an
// exit code in 0-3 and a message, never 4, never a hang, and never a half-written target or
// store: a run that did not load leaves no target table; a run that loaded left exactly its rows;
// the ledger and the metric store still open and answer.
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runPipeline } from '../../src/pipeline/run.js';
import { queryFile, write } from '../pipeline/helpers.js';
import { fuzz, outcomeOf, timeoutFor, type Outcome } from './harness.js';

const root = mkdtempSync(path.join(tmpdir(), 'assay-fuzz-pipelines-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Mostly `good`, sometimes `bad`: most cases get past the load-time checks and run. */
const mostly = <T>(good: T[], bad: T[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

const sql = mostly(
  ['SELECT * FROM raw', 'SELECT id, amount * 2 AS amount FROM raw', 'SELECT * FROM raw WHERE amount > 0', 'SELECT DISTINCT * FROM raw'],
  [
    'SELECT id, count(*) AS n FROM raw GROUP BY id',
    'SELECT * FROM nope',
    'SELECT 1/0 AS x',
    'SELECT CAST(name AS INTEGER) AS n FROM raw',
    'SELECT',
    '',
    'SELECT * FROM raw; DROP TABLE raw',
    "SELECT * FROM read_csv('missing.csv')",
  ],
);
const step = fc.oneof(
  fc.record({ transform: fc.record({ table: mostly(['final'], ['raw', 'x']), sql }) }),
  fc.record({
    validate: fc.record({ table: mostly(['raw', 'final', 'files'], ['nope']), suite: mostly(['suites/s.yml'], ['suites/missing.yml']) }),
  }),
  fc.record({ meta: fc.record({ suite: fc.constant('suites/meta.yml') }) }),
);
const steps = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    fc.array(step, { maxLength: 4 }),
  )
  .map(([extract, rest]) => [...(extract ? [{ extract: { table: 'raw', sql: 'SELECT * FROM files' } }] : []), ...rest]);
const load = fc.record(
  {
    target: mostly<object>(
      [
        { type: 'duckdb', path: 'out/w.duckdb' },
        { type: 'parquet', dir: 'out/p' },
      ],
      [{ type: 'nope' }, { type: 'duckdb' }],
    ),
    table: mostly(['orders'], ['bad name"', '']),
    from: mostly(['final', 'raw'], ['nope']),
    mode: fc.constantFrom('append', 'replace', 'upsert'),
    keys: mostly([['id']], [['nope'], []]),
    validate_target: mostly(['suites/s.yml', 'suites/target.yml'], ['suites/missing.yml']),
  },
  { requiredKeys: ['target', 'table', 'from', 'keys'] },
);
const pipelineObject = fc.record(
  {
    name: mostly(['p'], ['', 'a b']),
    sources: mostly<object>(
      [
        { files: { path: 'staging/*.csv' } },
        { files: { path: 'staging/*.json' } },
        { files: { path: 'staging/*.ndjson', incremental: true } },
      ],
      [{ files: { path: 'nowhere/*.csv' } }, { files: {} }],
    ),
    steps,
    load,
    gate: mostly(['strict', 'quarantine', 'warn'], ['nope']),
  },
  { requiredKeys: ['name', 'sources', 'steps'] },
);

const field = fc.oneof(fc.integer({ min: -50, max: 50 }).map(String), fc.constantFrom('', 'x', '"', 'NaN', '2024-02-30', 'a,b', '💥'));
const staged = fc.oneof(
  fc.array(fc.tuple(field, field, field), { maxLength: 8 }).map((rows) => ({
    ext: 'csv',
    text: ['id,amount,name', ...rows.map((r) => r.join(','))].join('\n'),
  })),
  fc
    .record({
      rows: fc.array(fc.record({ id: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.string({ maxLength: 3 })), amount: fc.integer() }), {
        maxLength: 6,
      }),
      ext: fc.constantFrom('json', 'ndjson'),
      array: fc.boolean(),
    })
    .map(({ rows, ext, array }) => ({ ext, text: array ? JSON.stringify(rows) : rows.map((r) => JSON.stringify(r)).join('\n') })),
);

type Mutation = { at: number; cut: number; insert: string };
const mutation = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.string({ maxLength: 5 }),
    fc.constantFrom(':', '- ', '\n  ', '{', '}', '[', ']', '"', '!!str ', '&a ', '*a', '__proto__: 1\n'),
  ),
});

export const projectArb = fc.record({
  pipeline: pipelineObject,
  files: fc.array(staged, { minLength: 0, maxLength: 3 }),
  mutations: fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) },
  ),
  runs: fc.integer({ min: 1, max: 2 }),
});

const SUITE = `name: s
expectations:
  - type: expect_column_values_to_not_be_null
    kwargs: {column: id}
  - type: expect_column_values_to_be_between
    kwargs: {column: amount, min_value: 0, row_condition: "id IS NOT NULL"}
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: 1}
`;
const META = `name: meta
expectations:
  - type: expect_column_values_to_be_in_set
    kwargs: {column: success, value_set: [true], mostly: 0.5}
`;

let n = 0;
async function runProject(p: {
  pipeline: unknown;
  files: { ext: string; text: string }[];
  mutations: Mutation[];
  runs: number;
}): Promise<Outcome> {
  const dir = path.join(root, String(n++));
  let text = stringify(p.pipeline);
  for (const m of p.mutations) {
    const at = m.at % (text.length + 1);
    text = text.slice(0, at) + m.insert + text.slice(at + m.cut);
  }
  write(dir, {
    'pipeline.yml': text,
    'suites/s.yml': SUITE,
    'suites/target.yml': `${SUITE}  - type: expect_table_row_count_to_be_between\n    kwargs: {max_value: 5}\n`,
    'suites/meta.yml': META,
    ...Object.fromEntries(p.files.map((f, i) => [`staging/${i}.${f.ext}`, f.text])),
  });
  try {
    let last: Outcome = { code: 0, message: '' };
    for (let r = 0; r < p.runs; r++) {
      const outcome = await runPipeline(path.join(dir, 'pipeline.yml'), { logLevel: 'silent' });
      last = outcome.status === 'error' ? outcomeOf(outcome.error) : { code: outcome.run.exit_code, message: '' };
      await checkStores(dir, outcome.status === 'loaded' ? outcome.run.load?.rows : undefined, r === 0);
      if (last.code >= 2) break;
    }
    return last;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Nothing half-written: the target holds the rows a first load reports, or no table; the stores open. */
async function checkStores(dir: string, loadedRows: number | undefined, first: boolean): Promise<void> {
  const wh = path.join(dir, 'out/w.duckdb');
  if (existsSync(wh)) {
    const [{ n: tables } = { n: 0 }] = await queryFile(wh, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'orders'");
    if (first) {
      if (loadedRows === undefined) expect(tables, 'a run that did not load left a target table').toBe(0);
      else expect(await queryFile(wh, 'SELECT count(*) AS n FROM orders')).toEqual([{ n: loadedRows }]);
    }
  }
  const pq = path.join(dir, 'out/p');
  if (existsSync(pq)) {
    const files = readdirSync(pq, { recursive: true }).map(String);
    expect(
      files.filter((f) => f.includes('.assay-tmp')),
      'a temporary folder was left',
    ).toEqual([]);
    if (first && loadedRows === undefined) expect(files.filter((f) => f.endsWith('.parquet'))).toEqual([]);
    if (first && loadedRows !== undefined)
      expect(await queryFile(':memory:', `SELECT count(*) AS n FROM '${pq}/**/*.parquet'`)).toEqual([{ n: loadedRows }]);
  }
  const ledger = path.join(dir, '.assay/ledger.duckdb');
  if (existsSync(ledger)) await queryFile(ledger, 'SELECT count(*) AS n FROM duckdb_tables()');
  const history = path.join(dir, '.assay/runs/history.duckdb');
  if (existsSync(history)) await queryFile(history, 'SELECT count(*) AS n FROM duckdb_tables()');
}

describe('fuzzed pipelines', () => {
  it(
    'any pipeline file over any staged input ends in exit 0-3 with a message, never 4, never a hang, never a half-written target',
    async () => {
      const report = await fuzz('pipelines', projectArb, (p) => runProject(p), {
        seconds: 8,
        show: (p) => `${stringify(p.pipeline)}\nmutations: ${JSON.stringify(p.mutations)}\nfiles: ${JSON.stringify(p.files)}`,
      });
      expect(report.cases).toBeGreaterThan(3);
    },
    timeoutFor(8),
  );
});
