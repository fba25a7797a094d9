// `assay runs [pipeline.yml]`: past runs from the ledger, newest first, with their status.
// The ledger (DuckDB) is loaded when the command runs.
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { RunRow } from '../pipeline/ledger.js';
import { formatTable } from './table.js';

interface RunsCliOptions {
  stateDir?: string;
  limit: number;
  json?: boolean;
}

export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list past pipeline runs and their status (from the run ledger)')
    .argument('[pipeline]', 'only the runs of this pipeline file (its state folder is used too)')
    .option('--state-dir <dir>', "the state folder holding the ledger (default: the pipeline's, or ./.assay)")
    .option(
      '-n, --limit <n>',
      'how many runs',
      (v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--limit must be a positive whole number');
        return n;
      },
      20,
    )
    .option('--json', 'print the runs as JSON')
    .action(async (file: string | undefined, o: RunsCliOptions) => {
      const pipeline = file ? await readPipeline(file) : undefined;
      const stateDir = path.resolve(o.stateDir ?? pipeline?.stateDir ?? '.assay');
      const { listRuns } = await import('../pipeline/ledger.js');
      const runs = await listRuns(stateDir, { pipeline: pipeline?.name, limit: o.limit });
      if (o.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
      else process.stdout.write(`${formatRuns(runs, stateDir)}\n`);
    });
}

/** The pipeline reader (ajv, yaml, the suites) is loaded only when a pipeline is named. */
async function readPipeline(file: string) {
  const { loadPipeline } = await import('../pipeline/config.js');
  const { commandCatalogue } = await import('./project.js');
  return loadPipeline(file, await commandCatalogue());
}

export function formatRuns(runs: RunRow[], stateDir: string): string {
  if (!runs.length) return `No runs recorded in ${stateDir}.`;
  const rows = runs.map((r) => [
    r.run_id,
    r.status,
    r.gate ?? '',
    r.started_at ?? '',
    duration(r.started_at, r.ended_at),
    r.rows_loaded === null || r.rows_loaded === undefined ? '' : String(r.rows_loaded),
    r.message ? (r.message.length > 60 ? `${r.message.slice(0, 59)}…` : r.message) : '',
  ]);
  return formatTable(['run', 'status', 'gate', 'started (UTC)', 'took', 'rows', 'note'], rows);
}

function duration(start: string | null, end: string | null): string {
  if (!start || !end) return '';
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  return ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
