// A run's home: <state folder>/runs/<run id>/, the layout of the runs folder that reports and
// `assay docs` read (src/report/run-index.ts). It holds run.json, report.html, run.log (pino
// JSON lines, secrets redacted), the working database, landed remote sources and quarantine.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { createLogger, type LogFormat } from '../log.js';
import { runPaths } from '../report/index.js';
import { makeDir } from './faults.js';
import type { Pipeline } from './types.js';

/** `who_daily-20260301T140509Z-3fa2`: sortable by time within a pipeline, unique across runs. */
export function newRunId(pipeline: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${pipeline}-${stamp}-${randomBytes(2).toString('hex')}`;
}

export const runsDir = (stateDir: string) => path.join(stateDir, 'runs');
/** A pipeline's runs folder: the one its run was given (config, --runs), else `<state_dir>/runs`. */
export const runsDirOf = (pipeline: Pick<Pipeline, 'stateDir' | 'runsDir'>) => pipeline.runsDir ?? runsDir(pipeline.stateDir);

export interface RunFolder {
  dir: string;
  json: string;
  html: string;
  log: string;
  work: string;
  results: string;
}

export function runFolder(runs: string, runId: string): RunFolder {
  const p = runPaths(runs, runId);
  makeDir(p.dir);
  return {
    dir: p.dir,
    json: p.json,
    html: p.html,
    log: path.join(p.dir, 'run.log'),
    work: path.join(p.dir, 'work.duckdb'),
    results: path.join(p.dir, 'validation_results.parquet'),
  };
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The run's logger: everything from `info` (or the console level, if lower) to run.log as JSON
 * lines, and the console level to stderr. Redaction is the shared logger's (src/log.ts).
 */
export function runLogger(file: string, opts: { level?: string; format?: LogFormat } = {}): { log: Logger; close(): void } {
  const consoleLevel = opts.level ?? 'warn';
  const fileLevel = LEVELS.indexOf(consoleLevel) < LEVELS.indexOf('info') ? consoleLevel : 'info';
  const format = opts.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const fileStream = pino.destination({ dest: file, sync: true, mkdir: true });
  // A log line that cannot be written (a full disk) is lost, not thrown into the run: the run
  // goes on to fail with its own error, which names the disk.
  const toFile = {
    write(line: string) {
      try {
        fileStream.write(line);
      } catch {
        /* see above */
      }
    },
  };
  const streams: { level: string; stream: unknown }[] = [{ level: fileLevel, stream: toFile }];
  if (consoleLevel !== 'silent') {
    const stderr =
      format === 'pretty'
        ? pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY, ignore: 'pid,hostname' })
        : pino.destination({ fd: 2, sync: true });
    streams.push({ level: consoleLevel, stream: stderr });
  }
  const log = createLogger({
    level: fileLevel,
    format: 'json',
    destination: pino.multistream(streams as never) as unknown as NodeJS.WritableStream,
  });
  // A scheduled process makes many runs: each closes its log file when it ends.
  return {
    log,
    close: () => {
      try {
        fileStream.end();
      } catch {
        /* a full disk: the last lines are lost */
      }
    },
  };
}

/** How many runs of a pipeline keep their working database. */
const KEEP_WORK_DATABASES = 5;

/**
 * Removes the working databases of a pipeline's older runs (the newest `keep` stay, for a look
 * after the fact): each run would otherwise keep a copy of everything it staged, forever. The
 * rest of a run's folder (result, report, log, quarantine, landed) stays. Returns what it removed.
 */
export function pruneWorkDatabases(dir: string, pipeline: string, current: string, keep = KEEP_WORK_DATABASES): string[] {
  // Newest last, by when each database was last written (run ids of one second do not sort).
  const runs = readdirSync(dir)
    .filter((name) => name.startsWith(`${pipeline}-`) && name !== current && existsSync(path.join(dir, name, 'work.duckdb')))
    .map((name) => ({ name, at: statSync(path.join(dir, name, 'work.duckdb')).mtimeMs }))
    .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name))
    .map((r) => r.name);
  keep -= 1; // the current run's
  const removed: string[] = [];
  for (const name of runs.slice(0, Math.max(0, runs.length - keep))) {
    for (const file of ['work.duckdb', 'work.duckdb.wal']) rmSync(path.join(dir, name, file), { force: true });
    removed.push(path.join(dir, name, 'work.duckdb'));
  }
  return removed;
}
