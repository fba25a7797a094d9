// Golden SQL: for every expectation type, the SQL each dialect compiles for a representative
// kwargs (test/golden/cases.ts) is pinned in a file (test/golden/<dialect>/<case>.sql), and the
// same validation runs on every engine, which must agree. A change to one dialect therefore
// shows as a diff of its golden files, and cannot silently break the other engine's results.
//   npx vitest run test/golden -u     rewrites the golden files after an intended change
// The SQL files need no database: they are compiled against the columns each engine reports
// for the fixture table (COLUMNS, checked against the engines when they run). An engine whose
// server does not answer is compiled only (off CI; under CI=true it fails, test/helpers/services.ts).
// A new dialect joins with one line in ENGINES and its column types in cases.ts COLUMNS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { duckdbDialect } from '../../src/dialects/duckdb.js';
import { postgresDialect } from '../../src/dialects/postgres.js';
import { sparkDialect } from '../../src/dialects/spark.js';
import type { Dialect } from '../../src/dialects/base.js';
import { kwargsSchema, loadCatalogue } from '../../src/engine/catalogue.js';
import type { Connection } from '../../src/engine/connection.js';
import { openConnection } from '../../src/connections/index.js';
import type { ExpectationResult, Row, Sql } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { openPostgresTarget } from '../conformance/postgres.js';
import { openSparkTarget } from '../conformance/spark.js';
import { postgresUrl, sparkUrl } from '../helpers/services.js';
import { CASES, COLUMNS, ENGINE_SPECIFIC, SPARK_TABLES, TABLE_DDL, TABLE_ROWS, UNSUPPORTED } from './cases.js';

const pgUrl = await postgresUrl(import.meta.url);
const sparkAt = await sparkUrl(import.meta.url);

/** Every dialect, and how to reach its engine (undefined: golden SQL only, not run). */
const ENGINES: { dialect: Dialect; open(): Promise<Connection | undefined> }[] = [
  { dialect: duckdbDialect, open: () => openConnection({ kind: 'duckdb' }) },
  { dialect: postgresDialect, open: async () => (pgUrl ? (await openPostgresTarget(pgUrl)).conn : undefined) },
  // Each case is a job on the cluster: a second or two per case.
  { dialect: sparkDialect, open: async () => (sparkAt ? (await openSparkTarget(sparkAt)).conn : undefined) },
];

const relation = (d: Dialect) => d.ident('golden');
const typeOf = (id: string) => id.split('#')[0]!;
const fileOf = (dialect: string, id: string) => `./${dialect}/${id.replace('#', '--')}.sql`;
const suiteOf = (id: string) => ({
  name: id,
  expectations: [{ type: typeOf(id), kwargs: structuredClone(CASES[id]!), severity: 'error' as const }],
});

/** A connection to nowhere: it reports the fixture's columns and records the SQL it is given. */
function recorder(dialect: Dialect): Connection & { seen: [string, Sql][] } {
  const seen: [string, Sql][] = [];
  return {
    dialect,
    seen,
    query: async () => [{}],
    exec: async () => {},
    columns: async () => COLUMNS[dialect.name]!,
    engineInfo: async () => ({ name: dialect.name, version: 'golden' }),
    close: async () => {},
  };
}

/** The SQL a validation compiles without data: the fused scan, and any query it always issues. */
async function compile(dialect: Dialect, id: string): Promise<string> {
  const conn = recorder(dialect);
  const queries: string[] = [];
  await validate(conn, relation(dialect), suiteOf(id), {
    catalogue: await loadCatalogue(),
    onQuery: (sql, purpose) => queries.push(`-- ${purpose}\n${sql};`),
  });
  return `-- ${id} on ${dialect.name}: ${JSON.stringify(CASES[id])}\n${queries.length ? queries.join('\n') : '-- no SQL: judged from the columns alone'}\n`;
}

describe('golden SQL', async () => {
  const catalogue = await (await loadCatalogue()).load();
  const ajv = new Ajv({ strict: false, allErrors: true });

  it('every expectation type has a golden case', () => {
    const covered = new Set(Object.keys(CASES).map(typeOf));
    const missing = catalogue.types().filter((t) => !covered.has(t));
    expect(missing, 'add representative kwargs for these types to test/golden/cases.ts').toEqual([]);
  });

  for (const id of Object.keys(CASES).sort()) {
    it(`${id}: kwargs are valid, golden SQL per dialect`, async () => {
      const def = catalogue.get(typeOf(id));
      expect(def, `${typeOf(id)} is not in expectations/`).toBeDefined();
      const check = ajv.compile(kwargsSchema(def!));
      expect(check(CASES[id]), JSON.stringify(check.errors)).toBe(true);
      for (const { dialect: d } of ENGINES) await expect(await compile(d, id)).toMatchFileSnapshot(fileOf(d.name, id));
    });
  }
});

/** The result with what legitimately differs between engines left out, floats to 10 digits. */
function comparable(r: ExpectationResult, id: string): unknown {
  const skip = new Set(['unexpected_index_query', ...(ENGINE_SPECIFIC[typeOf(id)] ?? [])]);
  const round = (v: unknown): unknown =>
    typeof v === 'number' && !Number.isInteger(v)
      ? Number(v.toPrecision(10))
      : Array.isArray(v)
        ? v.map(round)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]))
          : v;
  const result = Object.fromEntries(Object.entries(r.result).filter(([k]) => !skip.has(k)));
  return round({ success: r.success, result, exception: r.exception_info.exception_message });
}

describe('golden SQL runs on every engine, with the same results', () => {
  const engines: { name: string; conn: Connection }[] = [];
  const results = new Map<string, Map<string, ExpectationResult>>();

  beforeAll(async () => {
    for (const e of ENGINES) {
      const conn = await e.open();
      if (conn) engines.push({ name: e.dialect.name, conn });
    }
    for (const e of engines) {
      const statements = e.name === 'spark' ? SPARK_TABLES : `${TABLE_DDL};\n${TABLE_ROWS}`.split(/;\n/);
      for (const stmt of statements) await e.conn.exec(stmt);
      expect(await e.conn.columns(relation(e.conn.dialect)), `${e.name} column types (test/golden/cases.ts COLUMNS)`).toEqual(
        COLUMNS[e.name],
      );
    }
  });
  afterAll(async () => {
    for (const e of engines) await e.conn.close();
  });

  for (const id of Object.keys(CASES).sort()) {
    it(id, async () => {
      const byEngine = new Map<string, ExpectationResult>();
      for (const e of engines) {
        let fused: Sql | undefined;
        const res = await validate(e.conn, relation(e.conn.dialect), suiteOf(id), {
          catalogue: await loadCatalogue(),
          onQuery: (sql, purpose) => purpose === 'fused' && (fused = sql),
        });
        const r = res.results[0]!;
        const compiled = await compile(e.conn.dialect, id);
        if (fused) expect(compiled, `${e.name} ran the golden fused SQL`).toContain(`-- fused\n${fused};`);
        const unsupported = UNSUPPORTED[e.name]?.[typeOf(id)];
        if (unsupported) {
          expect(r.exception_info.raised_exception, `${typeOf(id)} now runs on ${e.name}: remove it from UNSUPPORTED`).toBe(true);
          continue;
        }
        expect(r.exception_info.exception_message, `${id} raised on ${e.name}`).toBeNull();
        byEngine.set(e.name, r);
      }
      results.set(id, byEngine);
      const [first, ...rest] = [...byEngine.entries()];
      for (const [name, r] of rest) expect(comparable(r, id), `${name} agrees with ${first![0]}`).toEqual(comparable(first![1], id));
    });
  }
});

export type { Row };
