// What every part of a run sees: the pipeline, the run's folder and working database, secrets,
// the log and the progress line.
import type { Logger } from 'pino';
import type { Catalogue } from '../engine/catalogue.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Env } from './env.js';
import type { Progress } from './progress.js';
import type { Pipeline } from './types.js';

export interface RunContext {
  pipeline: Pipeline;
  /** The expectation types the run's suites may use. */
  catalogue: Catalogue;
  runId: string;
  runDir: string;
  /** The working database (<run folder>/work.duckdb): sources are its views, steps its tables. */
  conn: DuckDBConnection;
  env: Env;
  log: Logger;
  progress: Progress;
  /** --limit: the first N rows of each source. */
  limit: number | null;
  /** --force: read staged files even if an earlier run loaded them. */
  force: boolean;
  /** The run's clock (--now, ASSAY_NOW, or its start): what validations and the metric store read. */
  now?: Date;
}
