// PostgreSQL target, through `pg`, in one transaction: the table is created or extended (new
// columns added, type changes checked before BEGIN), then rows stream from DuckDB in batches:
// each batch is one JSON array parameter expanded by json_populate_recordset, so no batch ever
// holds more than batch_size rows in memory and no value is pasted into SQL. Upsert is
// INSERT ... ON CONFLICT on the keys, with the unique index created when the table has none.
// The session is the engine's PostgresConnection (UTC, ISO dates), so validate_target runs its
// suite inside the load's transaction, on what is about to be committed.
import { wrapStatements, type Connection } from '../../engine/connection.js';
import { describeUrl, isConnectionLoss, type PostgresConnection } from '../../connections/postgres.js';
import { postgresDialect } from '../../dialects/postgres.js';
import type { Column } from '../../engine/types.js';
import type { RunContext } from '../context.js';
import { openWithRetry, reasonOf } from '../retry.js';
import type { LoadSpec, Target } from '../types.js';
import { normalizeDuckType, planColumns, postgresFits, postgresType } from './columns.js';
import { describeTarget, type LoadHooks } from './index.js';
import { ensurePostgresMarker, postgresMarker } from './marker.js';
import { pauseBeforeCommit } from './pause.js';
import { AssayDataError, AssayEnvironmentError, LoadError } from '../../errors.js';
import { targetBusy } from '../lock.js';

type PgTarget = Extract<Target, { type: 'postgres' }>;

const q = (name: string) => postgresDialect.ident(name);

export async function loadPostgres(
  ctx: RunContext,
  spec: LoadSpec,
  target: PgTarget,
  data: Column[],
  { beforeCommit, intent }: LoadHooks,
): Promise<{ rows: number; added: string[] } | null> {
  const url = ctx.env.require(target.urlEnv, `load target ${spec.table}`);
  const where = describeUrl(url);
  const label = `PostgreSQL target ${where}`;
  // The engine's connection, so validate_target can run its suite in this very session (and
  // transaction); the load itself talks to its raw client, hence the cast: the factory opens a
  // PostgresConnection for the kind 'postgres'.
  const conn = (await openWithRetry(
    'postgres',
    url,
    { applicationName: `assay load ${ctx.pipeline.name}`, connectTimeoutMs: 10_000 },
    {
      attempts: 3,
      backoffMs: 500,
      label,
      onRetry: (attempt, err, wait) =>
        ctx.log.warn({ attempt, wait_ms: wait, reason: reasonOf(err) }, 'cannot connect to the target; retrying'),
    },
  ).catch((err) => {
    if (err instanceof AssayDataError && err.message.startsWith(label)) throw err;
    throw new AssayDataError(`${label}: cannot connect: ${reasonOf(err instanceof AssayDataError ? (err.cause ?? err) : err)}`, where, {
      cause: err,
    });
  })) as PostgresConnection;
  const c = conn.client;
  let lost: Error | null = null;
  c.on('error', (err) => {
    lost ??= err;
  });
  const qn = `${q(target.schema)}.${q(spec.table)}`;
  let stage = 'prepare';
  try {
    // The table is read and planned only once this run holds the target's lock, so two runs
    // cannot both create it, or plan against a table the other is changing.
    await ensurePostgresMarker(c, target.schema);
    stage = 'write';
    await c.query('BEGIN');
    await lockTarget(ctx, c, qn, describeTarget(spec), spec.lockTimeoutMs);
    const existing = (
      await c.query(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
         WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
        [qn],
      )
    ).rows.map((r) => ({ name: String(r.name), type: String(r.type) }));
    const mapped = data.map((col) => ({ name: col.name, type: postgresType(col.type) }));
    const plan = existing.length
      ? planColumns(mapped, existing, postgresFits, { target: where, table: `${target.schema}.${spec.table}` })
      : null;
    const name = (col: string) => plan?.names.get(col) ?? col;

    if (!existing.length) {
      if (target.schema !== 'public') await c.query(`CREATE SCHEMA IF NOT EXISTS ${q(target.schema)}`);
      await c.query(`CREATE TABLE ${qn} (${mapped.map((m) => `${q(m.name)} ${m.type}`).join(', ')})`);
    }
    for (const col of plan?.added ?? []) await c.query(`ALTER TABLE ${qn} ADD COLUMN ${q(col.name)} ${col.type}`);
    let conflict = '';
    if (spec.mode === 'upsert') {
      const keys = spec.keys.map(name);
      await ensureUniqueIndex(c, qn, spec.table, keys);
      const others = data.map((col) => name(col.name)).filter((n) => !keys.includes(n));
      conflict = ` ON CONFLICT (${keys.map(q).join(', ')}) DO ${others.length ? `UPDATE SET ${others.map((n) => `${q(n)} = EXCLUDED.${q(n)}`).join(', ')}` : 'NOTHING'}`;
    }
    if (spec.mode === 'replace') await c.query(`DELETE FROM ${qn}`);

    const cols = data.map((col) => q(name(col.name))).join(', ');
    const insert = `INSERT INTO ${qn} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${qn}, $1::json)${conflict}`;
    const rows = await streamRows(ctx, spec, data, name, target.batchSize, async (json) => {
      await c.query(insert, [json]);
    });
    if (beforeCommit) {
      stage = 'check';
      if (!(await beforeCommit(savepointed(conn), qn))) {
        stage = 'rollback';
        await c.query('ROLLBACK');
        return null;
      }
    }
    await postgresMarker(c, target.schema, ctx.runId, ctx.pipeline.name, spec.table);
    await intent();
    await pauseBeforeCommit(ctx);
    if (lost) throw lost;
    stage = 'commit';
    await c.query('COMMIT');
    return { rows, added: (plan?.added ?? []).map((col) => col.name) };
  } catch (err) {
    if (stage !== 'prepare') await c.query('ROLLBACK').catch(() => {});
    const gone = lost ?? (isConnectionLoss(err) ? err : null);
    if (gone) {
      const outcome =
        stage === 'commit'
          ? 'the connection dropped during COMMIT, so whether the load was committed is unknown; check the target, then re-run'
          : 'the transaction was not committed, so the target is unchanged';
      throw new AssayDataError(`lost the connection to ${label} during the load of ${spec.table}: ${reasonOf(gone)}; ${outcome}`, where, {
        cause: err,
      });
    }
    if (err instanceof LoadError || err instanceof AssayDataError || stage === 'check') throw err;
    const e = err as { message?: string; detail?: string; code?: string };
    if (e.code === '42501')
      throw new AssayEnvironmentError(
        `PostgreSQL denied the load of ${target.schema}.${spec.table} (nothing was written): ${e.message}; ` +
          `grant the role of $${target.urlEnv} USAGE and CREATE on schema ${target.schema} and INSERT, UPDATE and DELETE on its tables (or use a role that has them), then run again`,
        where,
        { cause: err },
      );
    // Out of disk, memory or connections: the server's trouble, not the data's (exit 3).
    if (/^53/.test(e.code ?? ''))
      throw new AssayEnvironmentError(
        `PostgreSQL could not take the load of ${target.schema}.${spec.table} (nothing was written): ${e.message}`,
        where,
        {
          cause: err,
        },
      );
    throw new LoadError(
      `PostgreSQL refused the load of ${target.schema}.${spec.table} (nothing was written): ${e.message}${e.detail ? ` (${e.detail})` : ''}`,
      { cause: err },
    );
  } finally {
    await conn.close();
  }
}

/**
 * The target's lock, shared by every pipeline loading the table: a transaction-level advisory
 * lock on the table's name, released by COMMIT or ROLLBACK (or the session's end, if the run
 * dies). Taken with pg_try_ in a loop so the wait is bounded and can be reported.
 */
async function lockTarget(ctx: RunContext, c: PostgresConnection['client'], qn: string, target: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  for (let told = false; ; told = true) {
    const { rows } = await c.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS ok`, [`assay load ${qn}`]);
    if (rows[0]?.ok) return;
    const waited = Date.now() - start;
    if (waited >= timeoutMs) throw targetBusy(target, null, `the advisory lock on ${qn}`, waited);
    if (!told) ctx.log.warn({ table: qn }, 'another run is loading the target; waiting for it');
    await new Promise((r) => setTimeout(r, Math.min(250, timeoutMs - waited)));
  }
}

/**
 * The load's session as validate_target sees it: each query in its own savepoint, made read-only
 * (SET TRANSACTION READ ONLY) and rolled back after, whatever the query did. So the target's
 * suite cannot write in the load's transaction: PostgreSQL refuses any write there, and refuses
 * to turn read-write back on inside a read-only subtransaction (set_config('transaction_read_only',
 * 'off', ...) fails); a session setting it changes goes with the rollback. A query that fails (a
 * bad regex in the suite) becomes that expectation's error instead of aborting the load's
 * transaction. The rollback is why the savepoint is never released: releasing it would keep the
 * read-only mode for the rest of the load.
 */
function savepointed(conn: PostgresConnection): Connection {
  const inSavepoint = async <T>(run: () => Promise<T>): Promise<T> => {
    await conn.exec('SAVEPOINT assay_validate_target');
    try {
      await conn.exec('SET TRANSACTION READ ONLY');
      return await run();
    } finally {
      await conn.exec('ROLLBACK TO SAVEPOINT assay_validate_target');
      await conn.exec('RELEASE SAVEPOINT assay_validate_target');
    }
  };
  return wrapStatements(conn, inSavepoint);
}

/** ON CONFLICT needs a unique index on exactly the key columns; one is created if missing. */
async function ensureUniqueIndex(c: PostgresConnection['client'], qn: string, table: string, keys: string[]): Promise<void> {
  const found = await c.query(
    `SELECT 1 FROM pg_index i WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
       AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)) = $2::text[]`,
    [qn, [...keys].sort()],
  );
  if (found.rowCount) return;
  try {
    await c.query(`CREATE UNIQUE INDEX ${q(`${table}_assay_key`.slice(0, 63))} ON ${qn} (${keys.map(q).join(', ')})`);
  } catch (err) {
    const e = err as { code?: string; message?: string; detail?: string };
    if (e.code === '23505') {
      throw new LoadError(
        `cannot upsert into ${table}: the target already holds rows with the same key (${keys.join(', ')}), so no unique index can be created: ${e.detail ?? e.message}`,
      );
    }
    throw err;
  }
}

/** JSON text of each value, as json_populate_recordset reads it back into the column's type. */
function jsonExpr(ctx: RunContext, col: Column, as: string): string {
  const d = ctx.conn.dialect;
  const c = d.ident(col.name);
  const t = normalizeDuckType(col.type);
  // bytea's hex input; doubles as text so inf and nan survive (JSON has no spelling for them).
  const expr = t === 'BLOB' ? `'\\x' || hex(${c})` : t === 'DOUBLE' || t === 'FLOAT' ? `CAST(${c} AS VARCHAR)` : c;
  return `${expr} AS ${d.ident(as)}`;
}

async function streamRows(
  ctx: RunContext,
  spec: LoadSpec,
  data: Column[],
  name: (col: string) => string,
  batchSize: number,
  send: (json: string) => Promise<void>,
): Promise<number> {
  const d = ctx.conn.dialect;
  const sql = `SELECT CAST(to_json(r) AS VARCHAR) AS j FROM (SELECT ${data.map((col) => jsonExpr(ctx, col, name(col.name))).join(', ')} FROM ${d.ident(spec.from)}) AS r`;
  const result = await ctx.conn.raw.stream(sql);
  let batch: string[] = [];
  let rows = 0;
  const flush = async () => {
    if (!batch.length) return;
    await send(`[${batch.join(',')}]`);
    rows += batch.length;
    batch = [];
    ctx.progress.update(`${rows.toLocaleString('en-US')} rows`);
  };
  for await (const chunk of result.yieldRows()) {
    for (const [j] of chunk) {
      batch.push(String(j));
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
  return rows;
}
