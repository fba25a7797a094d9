// DuckDB file target: attached to the working database, written in one transaction. A run
// killed before COMMIT leaves nothing in the file (DuckDB's WAL holds only committed work).
// Upsert is a MERGE on the keys, so the target needs no unique constraint.
import path from 'node:path';
import { wrapStatements, type Connection } from '../../engine/connection.js';
import type { DuckDBConnection } from '../../connections/duckdb.js';
import type { Column } from '../../engine/types.js';
import type { RunContext } from '../context.js';
import type { LoadSpec, Target } from '../types.js';
import { duckdbFits, planColumns } from './columns.js';
import type { LoadHooks } from './index.js';
import { duckdbMarker } from './marker.js';
import { pauseBeforeCommit } from './pause.js';
import { makeDir } from '../faults.js';
import { AssayDataError, LoadError } from '../../errors.js';

const ALIAS = 'assay_target';

export async function loadDuckDB(
  ctx: RunContext,
  spec: LoadSpec,
  target: Extract<Target, { type: 'duckdb' }>,
  data: Column[],
  { beforeCommit, intent }: LoadHooks,
): Promise<{ rows: number; added: string[] } | null> {
  const { conn } = ctx;
  const d = conn.dialect;
  makeDir(path.dirname(target.path));
  try {
    await conn.exec(`ATTACH ${d.literal(target.path)} AS ${d.ident(ALIAS)}`);
  } catch (err) {
    throw new AssayDataError(`cannot open the target ${target.path}: ${(err as Error).message.split('\n')[0]}`, target.path, {
      cause: err,
    });
  }
  try {
    const existing = (
      await conn.query(
        `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
         WHERE database_name = ${d.literal(ALIAS)} AND schema_name = 'main' AND table_name = ${d.literal(spec.table)} ORDER BY column_index`,
      )
    ).map((r) => ({ name: String(r.name), type: String(r.type) }));
    const plan = existing.length ? planColumns(data, existing, duckdbFits, { target: target.path, table: spec.table }) : null;
    const tbl = `${d.ident(ALIAS)}.main.${d.ident(spec.table)}`;
    const src = d.ident(spec.from);
    const names = (c: Column) => d.ident(plan?.names.get(c.name) ?? c.name);
    const targetCols = data.map(names).join(', ');
    const dataCols = data.map((c) => `s.${d.ident(c.name)}`).join(', ');

    await conn.exec('BEGIN TRANSACTION');
    try {
      if (!plan)
        await conn.exec(
          `CREATE TABLE ${tbl} (${data.map((c) => `${d.ident(c.name)} ${c.type === '"NULL"' ? 'VARCHAR' : c.type}`).join(', ')})`,
        );
      for (const c of plan?.added ?? []) await conn.exec(`ALTER TABLE ${tbl} ADD COLUMN ${d.ident(c.name)} ${c.type}`);
      if (spec.mode === 'replace') await conn.exec(`DELETE FROM ${tbl}`);
      if (spec.mode === 'upsert') {
        const on = spec.keys.map((k) => `t.${d.ident(plan?.names.get(k) ?? k)} = s.${d.ident(k)}`).join(' AND ');
        const others = data.filter((c) => !spec.keys.includes(c.name));
        const matched = others.length
          ? `WHEN MATCHED THEN UPDATE SET ${others.map((c) => `${names(c)} = s.${d.ident(c.name)}`).join(', ')} `
          : '';
        await conn.exec(
          `MERGE INTO ${tbl} AS t USING ${src} AS s ON (${on}) ${matched}WHEN NOT MATCHED THEN INSERT (${targetCols}) VALUES (${dataCols})`,
        );
      } else {
        await conn.exec(`INSERT INTO ${tbl} (${targetCols}) SELECT ${dataCols} FROM ${src} AS s`);
      }
      if (beforeCommit) {
        const check = inTransaction(conn);
        let commit: boolean;
        try {
          commit = await beforeCommit(check.conn, tbl);
        } catch (err) {
          throw check.failure() ?? err;
        }
        const failed = check.failure();
        if (failed) throw failed;
        if (!commit) {
          await conn.exec('ROLLBACK');
          return null;
        }
      }
      for (const sql of duckdbMarker(conn, ALIAS, ctx.runId, ctx.pipeline.name, spec.table)) await conn.exec(sql);
      await intent();
      await pauseBeforeCommit(ctx);
      await conn.exec('COMMIT');
    } catch (err) {
      await conn.exec('ROLLBACK').catch(() => {});
      throw err;
    }
    const [row] = await conn.query(`SELECT count(*) AS n FROM ${src}`);
    return { rows: Number(row!.n), added: (plan?.added ?? []).map((c) => c.name) };
  } finally {
    await conn.exec(`DETACH ${d.ident(ALIAS)}`).catch(() => {});
  }
}

/**
 * The working connection as validate_target and reconcile see it inside the load's transaction. DuckDB
 * aborts a transaction on any failed statement (and has no savepoints), so the first failing
 * query (a bad regex in the suite, say) ends the check: every later query fails with it, and
 * the load is rolled back with an error naming it, rather than committing a transaction that
 * is no longer there.
 */
function inTransaction(conn: DuckDBConnection): { conn: Connection; failure(): LoadError | null } {
  let failed: unknown;
  const guard = async <T>(run: () => Promise<T>): Promise<T> => {
    if (failed !== undefined) throw failed;
    try {
      return await run();
    } catch (err) {
      failed = err;
      throw err;
    }
  };
  return {
    conn: wrapStatements(conn, guard),
    failure: () =>
      failed === undefined
        ? null
        : new LoadError(
            `a query checking the target (validate_target or reconcile) failed inside the load's transaction (${String((failed as Error)?.message ?? failed).split('\n')[0]}); DuckDB cannot commit after a failed statement, so the load was rolled back and nothing was written. Fix the expectation or the reconcile that raised it.`,
            { cause: failed },
          ),
  };
}
