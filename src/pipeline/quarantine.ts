// Quarantine: the rows that failed row-level (map) expectations of error severity, written to
// <run folder>/quarantine/<table>.parquet with a column listing the expectations each row
// failed, so a person can fix and replay them. Under `gate: quarantine` the rows are also
// deleted from the working table, so later steps and the load only see rows that passed.
// Rows are told apart by DuckDB's rowid, which is stable within the run.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeCtx } from '../engine/context.js';
import { unexpectedRowsQuery } from '../engine/map.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { SuiteValidationResult } from '../engine/types.js';
import type { RunContext } from './context.js';
import { isWorkingTable } from './sandbox.js';
import type { QuarantineRecord } from './types.js';

export const FAILED_COLUMN = 'assay_failed_expectations';

export interface Quarantined {
  record: QuarantineRecord | null;
  /** Indexes (in the suite result) of the expectations whose rows were quarantined. */
  expectations: Set<number>;
}

/**
 * `blame` is the connection the suite's SQL runs on (the pipeline's sandbox, ./sandbox.ts): it
 * finds the failing rows by rowid, which it sees as the working connection does (the working
 * database attached read-only). The quarantine file and the removal are the working
 * connection's work; only (rowid, expectation) pairs cross between the two, chunk by chunk.
 */
export async function quarantineRows(
  ctx: RunContext,
  table: string,
  result: SuiteValidationResult,
  remove: boolean,
  blame: DuckDBConnection = ctx.conn,
): Promise<Quarantined> {
  const expectations = new Set<number>();
  const failing = result.results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !r.success && !r.exception_info.raised_exception && r.expectation_config.severity === 'error');
  if (!failing.length) return { record: null, expectations };
  // A source is a view over its files: its rows have no rowid to blame and cannot be removed,
  // so its failures stay failures (under `gate: quarantine` they close the gate).
  if (!(await isWorkingTable(ctx.conn, table))) {
    ctx.log.info({ table }, 'not a table of the working database (a source view): its failing rows are not quarantined');
    return { record: null, expectations };
  }

  const { conn } = ctx;
  const d = conn.dialect;
  const catalogue = await ctx.catalogue.load(failing.map(({ r }) => r.expectation_config.type));
  const t = d.ident(table);
  const columns = await blame.columns(t);
  const relation = `(SELECT rowid AS __assay_rid, * FROM ${t}) AS assay_rows`;
  const run = (sql: string) => blame.query(sql);
  await blame.exec('CREATE OR REPLACE TEMP TABLE __assay_blamed (rid BIGINT, expectation INTEGER)');
  const labels: string[] = [];
  for (const { r, i } of failing) {
    const def = catalogue.get(r.expectation_config.type);
    if (!def) continue;
    const kwargs = r.expectation_config.kwargs;
    const query = await unexpectedRowsQuery(def, makeCtx(d, relation, columns, kwargs), run);
    if (query === null) continue; // an aggregate expectation: no row to blame
    let label = r.expectation_config.type;
    try {
      label += `: ${def.sentence(kwargs as never)}`;
    } catch {
      /* the type alone */
    }
    await blame.exec(`INSERT INTO __assay_blamed SELECT __assay_rid, ${labels.length} FROM (${query}) AS unexpected`);
    labels.push(label);
    expectations.add(i);
  }
  if (!expectations.size) {
    await blame.exec('DROP TABLE __assay_blamed');
    return { record: null, expectations };
  }

  if (blame !== conn) {
    await conn.exec('CREATE OR REPLACE TEMP TABLE __assay_blamed (rid BIGINT, expectation INTEGER)');
    await copyPairs(blame, conn);
    await blame.exec('DROP TABLE __assay_blamed');
  }
  const names = `(VALUES ${labels.map((l, k) => `(${k}, ${d.literal(l)})`).join(', ')}) AS labels (expectation, label)`;
  await conn.exec(
    `CREATE OR REPLACE TEMP TABLE __assay_failed AS SELECT b.rid, labels.label AS expectation FROM __assay_blamed AS b JOIN ${names} USING (expectation)`,
  );
  await conn.exec('DROP TABLE __assay_blamed');

  const [{ n } = { n: 0 }] = await conn.query('SELECT count(DISTINCT rid) AS n FROM __assay_failed');
  const dir = path.join(ctx.runDir, 'quarantine');
  mkdirSync(dir, { recursive: true });
  // A table validated twice keeps both quarantines.
  let file = path.join(dir, `${table}.parquet`);
  for (let k = 2; existsSync(file); k++) file = path.join(dir, `${table}.${k}.parquet`);
  await conn.exec(
    `COPY (SELECT t.*, f.${FAILED_COLUMN} FROM ${t} AS t JOIN
       (SELECT rid, list(DISTINCT expectation ORDER BY expectation) AS ${FAILED_COLUMN} FROM __assay_failed GROUP BY rid) AS f
       ON t.rowid = f.rid ORDER BY t.rowid) TO ${d.literal(file)} (FORMAT parquet)`,
  );
  if (remove) await conn.exec(`DELETE FROM ${t} WHERE rowid IN (SELECT rid FROM __assay_failed)`);
  await conn.exec('DROP TABLE __assay_failed');
  ctx.log.info({ table, rows: Number(n), file, removed: remove }, 'rows quarantined');
  return { record: { table, rows: Number(n), file, removed: remove }, expectations };
}

/** The blamed (rowid, expectation) pairs from the sandbox into the working connection, in DuckDB's own chunks. */
async function copyPairs(from: DuckDBConnection, to: DuckDBConnection): Promise<void> {
  const stream = await from.raw.stream('SELECT rid, expectation FROM __assay_blamed');
  const appender = await to.raw.createAppender('__assay_blamed', 'main', 'temp');
  try {
    for (let chunk = await stream.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await stream.fetchChunk())
      appender.appendDataChunk(chunk);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
