// Parquet folder target: one <table>.parquet per table in the folder. Every load writes the
// table's new content into a temporary folder beside it, then renames the file over the old
// one: readers see the old file or the new one, never half of either. The temporary folder is
// the run's own (.assay-tmp-<table>.<run id>); a killed run leaves it behind, and the next load
// of that table removes it: it holds the table's lock (./index.ts), so no other run can be
// writing one for that table.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Column } from '../../engine/types.js';
import type { RunContext } from '../context.js';
import type { LoadSpec, Target } from '../types.js';
import { duckdbFits, planColumns } from './columns.js';
import type { LoadHooks } from './index.js';
import { parquetMarkerOption, parquetRuns } from './marker.js';
import { pauseBeforeCommit } from './pause.js';
import { makeDir } from '../faults.js';

const TMP = '.assay-tmp-';

export async function loadParquet(
  ctx: RunContext,
  spec: LoadSpec,
  target: Extract<Target, { type: 'parquet' }>,
  data: Column[],
  { beforeCommit, intent }: LoadHooks,
): Promise<{ rows: number; added: string[] } | null> {
  const { conn } = ctx;
  const d = conn.dialect;
  makeDir(target.dir);
  const mineOrStale = `${TMP}${spec.table}.`;
  for (const entry of readdirSync(target.dir))
    if (entry.startsWith(mineOrStale)) rmSync(path.join(target.dir, entry), { recursive: true, force: true });

  const final = path.join(target.dir, `${spec.table}.parquet`);
  const exists = existsSync(final);
  const old = `read_parquet(${d.literal(final)})`;
  const existing = exists ? await conn.columns(old) : [];
  const plan = exists ? planColumns(data, existing, duckdbFits, { target: target.dir, table: spec.table }) : null;
  const src = d.ident(spec.from);
  const select = `SELECT ${data.map((c) => `${d.ident(c.name)} AS ${d.ident(plan?.names.get(c.name) ?? c.name)}`).join(', ')} FROM ${src}`;
  let body: string;
  if (!exists) body = select;
  else if (spec.mode === 'append') body = `SELECT * FROM ${old} UNION ALL BY NAME ${select}`;
  else if (spec.mode === 'replace') body = `(SELECT * FROM ${old} LIMIT 0) UNION ALL BY NAME ${select}`;
  else {
    const on = spec.keys.map((k) => `s.${d.ident(k)} = e.${d.ident(plan!.names.get(k) ?? k)}`).join(' AND ');
    body = `SELECT * FROM ${old} AS e WHERE NOT EXISTS (SELECT 1 FROM ${src} AS s WHERE ${on}) UNION ALL BY NAME ${select}`;
  }

  const tmpDir = path.join(target.dir, `${mineOrStale}${ctx.runId}`);
  makeDir(tmpDir);
  try {
    const tmp = path.join(tmpDir, `${spec.table}.parquet`);
    const marker = parquetMarkerOption(conn, exists ? await parquetRuns(conn, final) : [], ctx.runId);
    await conn.exec(`COPY (${body}) TO ${d.literal(tmp)} (FORMAT parquet, ${marker})`);
    // The new file is the target-to-be: a gate that closes on it leaves the old file in place.
    if (beforeCommit && !(await beforeCommit(conn, `read_parquet(${d.literal(tmp)})`, [tmp]))) return null;
    await intent();
    await pauseBeforeCommit(ctx);
    renameSync(tmp, final);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const [row] = await conn.query(`SELECT count(*) AS n FROM ${src}`);
  return { rows: Number(row!.n), added: (plan?.added ?? []).map((c) => c.name) };
}
