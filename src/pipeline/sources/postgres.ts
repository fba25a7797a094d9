// A PostgreSQL query source: read through a server-side cursor in batches (never the whole
// result in memory), landed as NDJSON in the run folder, then typed from PostgreSQL's column
// types into Parquet, which is what the pipeline reads. Transient failures are retried from
// the start with backoff. A table source (`table:`) is landed the same way when the working
// database reads it; `validate: {source: …}` validates either kind where it lives instead
// (./in-place.ts): the engine's fused query runs in PostgreSQL and only metrics come back.
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type pg from 'pg';
import { connectPg, isConnectionLoss } from '../../connections/postgres.js';
import { openInput, type OpenedInput } from '../../engine/sources.js';
import type { RunContext } from '../context.js';
import { isTransient, reasonOf, withRetry } from '../retry.js';
import type { PostgresSource } from '../types.js';
import { limitedView } from './view.js';
import { AssayDataError, AssayError } from '../../errors.js';

/** DuckDB type for a PostgreSQL type OID (text for anything without a faithful match). */
function duckdbType(field: pg.FieldDef): string {
  switch (field.dataTypeID) {
    case 16:
      return 'BOOLEAN';
    case 20:
      return 'BIGINT';
    case 21:
      return 'SMALLINT';
    case 23:
      return 'INTEGER';
    case 26:
      return 'BIGINT';
    case 700:
      return 'FLOAT';
    case 701:
      return 'DOUBLE';
    case 1700: {
      const mod = field.dataTypeModifier;
      if (mod < 4) return 'DOUBLE';
      const precision = ((mod - 4) >> 16) & 0xffff;
      const scale = (mod - 4) & 0xffff;
      return precision <= 38 ? `DECIMAL(${precision},${scale})` : 'DOUBLE';
    }
    case 1082:
      return 'DATE';
    case 1083:
      return 'TIME';
    case 1114:
      return 'TIMESTAMP';
    case 1184:
      return 'TIMESTAMPTZ';
    case 1186:
      return 'INTERVAL';
    case 2950:
      return 'UUID';
    case 114:
    case 3802:
      return 'JSON';
    case 17:
      return 'BLOB';
    default:
      return 'VARCHAR';
  }
}

/** A row of PostgreSQL text values as an NDJSON line (JSON columns nested, booleans as booleans). */
function line(row: Record<string, string | null>, fields: pg.FieldDef[]): string {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = row[f.name] ?? null;
    out[f.name] = v === null ? null : f.dataTypeID === 16 ? v === 't' : f.dataTypeID === 114 || f.dataTypeID === 3802 ? JSON.parse(v) : v;
  }
  return JSON.stringify(out);
}

async function land(ctx: RunContext, source: PostgresSource, url: string, file: string): Promise<{ fields: pg.FieldDef[]; rows: number }> {
  const session = await connectPg(url, { applicationName: `assay ${ctx.pipeline.name} source ${source.name}` });
  const out = createWriteStream(file);
  try {
    const c = session.client;
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const sql = source.sql.trim().replace(/;+\s*$/, '');
    const body = ctx.limit !== null ? `SELECT * FROM (${sql}) AS assay_source LIMIT ${ctx.limit}` : sql;
    try {
      await c.query(`DECLARE assay_cursor NO SCROLL CURSOR FOR ${body}`);
    } catch (err) {
      if (isConnectionLoss(err) || isTransient(err)) throw err;
      throw new AssayError(`source ${source.name}: the query fails on PostgreSQL: ${reasonOf(err)}`, { cause: err });
    }
    let fields: pg.FieldDef[] = [];
    let rows = 0;
    for (;;) {
      const batch = await c.query(`FETCH ${source.batchSize} FROM assay_cursor`);
      fields = batch.fields;
      for (const row of batch.rows) {
        if (!out.write(`${line(row, fields)}\n`)) await once(out, 'drain');
      }
      rows += batch.rows.length;
      ctx.progress.update(`${rows.toLocaleString('en-US')} rows`);
      if (batch.rows.length < source.batchSize) break;
    }
    await c.query('COMMIT');
    return { fields, rows };
  } finally {
    out.end();
    await once(out, 'close').catch(() => {});
    await session.close();
  }
}

export async function stagePostgres(ctx: RunContext, source: PostgresSource): Promise<OpenedInput> {
  const url = ctx.env.require(source.urlEnv, `source ${source.name}`);
  const dir = path.join(ctx.runDir, 'landed');
  mkdirSync(dir, { recursive: true });
  const ndjson = path.join(dir, `${source.name}.ndjson`);
  const parquet = path.join(dir, `${source.name}.parquet`);
  const label = `source ${source.name} (PostgreSQL)`;
  const { fields, rows } = await withRetry(() => land(ctx, source, url, ndjson), {
    ...source.retries,
    label,
    onRetry: (attempt, err, wait) =>
      ctx.log.warn({ source: source.name, attempt, wait_ms: wait, reason: reasonOf(err) }, 'source failed; retrying'),
  }).catch((err) => {
    if (err instanceof AssayError || err instanceof AssayDataError) throw err;
    throw new AssayDataError(`${label}: ${reasonOf(err)}`, source.name, { cause: err });
  });
  ctx.log.info({ source: source.name, rows }, 'PostgreSQL source landed');

  // Typed as PostgreSQL said; bytea arrives as \x<hex> text.
  const d = ctx.conn.dialect;
  const readAs = fields.map((f) => [f.name, f.dataTypeID === 17 ? 'VARCHAR' : duckdbType(f)] as const);
  const columns = `{${readAs.map(([n, t]) => `${d.literal(n)}: ${d.literal(t)}`).join(', ')}}`;
  const select = fields
    .map((f) => (f.dataTypeID === 17 ? `from_hex(substr(${d.ident(f.name)}, 3)) AS ${d.ident(f.name)}` : d.ident(f.name)))
    .join(', ');
  try {
    await ctx.conn.exec(
      `COPY (SELECT ${select || '*'} FROM read_json(${d.literal(ndjson)}, format = 'newline_delimited', columns = ${columns})) TO ${d.literal(parquet)} (FORMAT parquet)`,
    );
  } catch (err) {
    throw new AssayDataError(`source ${source.name}: cannot convert the PostgreSQL rows: ${reasonOf(err)}`, source.name, { cause: err });
  }
  rmSync(ndjson, { force: true });
  const input = await openInput(ctx.conn, { paths: [parquet], format: 'parquet' }, `__assay_source_${source.name}`);
  await limitedView(ctx, source.name, input.relation, null);
  return { ...input, description: `${source.name} (PostgreSQL ${source.table ? `table ${source.table}` : 'query'}, ${rows} rows)` };
}
