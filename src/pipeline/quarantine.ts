// Quarantine: the rows that failed row-level (map) expectations of error severity, written to
// <run folder>/quarantine/<table>.parquet with a column listing the expectations each row
// failed, so a person can fix and replay them. Under `gate: quarantine` the rows are also
// deleted from the working table, so later steps and the load only see rows that passed.
// Rows are told apart by DuckDB's rowid, which is stable within the run.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeCtx } from '../engine/context.js';
import { unexpectedRowsQuery } from '../engine/map.js';
import type { SuiteValidationResult } from '../engine/types.js';
import type { RunContext } from './context.js';
import type { QuarantineRecord } from './types.js';

export const FAILED_COLUMN = 'assay_failed_expectations';

export interface Quarantined {
  record: QuarantineRecord | null;
  /** Indexes (in the suite result) of the expectations whose rows were quarantined. */
  expectations: Set<number>;
}

export async function quarantineRows(ctx: RunContext, table: string, result: SuiteValidationResult, remove: boolean): Promise<Quarantined> {
  const expectations = new Set<number>();
  const failing = result.results
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => !r.success && !r.exception_info.raised_exception && r.expectation_config.severity === 'error');
  if (!failing.length) return { record: null, expectations };

  const { conn } = ctx;
  const d = conn.dialect;
  const catalogue = await ctx.catalogue.load(failing.map(({ r }) => r.expectation_config.type));
  const t = d.ident(table);
  const columns = await conn.columns(t);
  const relation = `(SELECT rowid AS __assay_rid, * FROM ${t}) AS assay_rows`;
  const run = (sql: string) => conn.query(sql);
  await conn.exec('CREATE OR REPLACE TEMP TABLE __assay_failed (rid BIGINT, expectation VARCHAR)');
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
    await conn.exec(`INSERT INTO __assay_failed SELECT __assay_rid, ${d.literal(label)} FROM (${query}) AS unexpected`);
    expectations.add(i);
  }
  if (!expectations.size) return { record: null, expectations };

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
