// The metric store as a library: what `assay history` prints, as values. The store is the
// DuckDB file <runs>/history.duckdb that `validate --runs` and pipeline runs record into.
import { existsSync } from 'node:fs';
import { AssayUsageError } from '../errors.js';
import { DEFAULT_RUNS_DIR } from '../report/runs-dir.js';
import { listAssets, listMetrics, readSeries, storeFile, type AssetSummary } from '../history/store.js';

export interface HistoryOptions {
  /** The runs folder that holds history.duckdb (default `.assay/runs`; pipelines: `<state_dir>/runs`). */
  runs?: string;
}

export interface SeriesOptions extends HistoryOptions {
  /** row_count, null_fraction, null_count, distinct_count, min, max, mean, or an expectation's metric. */
  metric: string;
  /** The column of a column metric. */
  column?: string;
  /** An expectation type: its own metrics instead of the column profile's. */
  expectation?: string;
  /** Only the most recent n points. */
  limit?: number;
}

function existingStore(runs: string): string {
  const file = storeFile(runs);
  if (!existsSync(file))
    throw new AssayUsageError(`no metric store at ${file}: it is kept by \`assay validate --runs ${runs}\` and by pipeline runs`);
  return file;
}

/** The assets the store holds, with their run counts and first and last runs. */
export function historyAssets(options: HistoryOptions = {}): Promise<AssetSummary[]> {
  return listAssets(existingStore(options.runs ?? DEFAULT_RUNS_DIR));
}

/** The metrics recorded for one asset. */
export async function historyMetrics(asset: string, options: HistoryOptions = {}) {
  const runs = options.runs ?? DEFAULT_RUNS_DIR;
  const metrics = await listMetrics(existingStore(runs), asset);
  if (!metrics.length)
    throw new AssayUsageError(
      `no history of asset ${JSON.stringify(asset)} in ${storeFile(runs)} (\`assay history --runs ${runs}\` lists the assets)`,
    );
  return metrics;
}

/** One metric's values over runs, oldest first. */
export async function historySeries(asset: string, o: SeriesOptions) {
  const series = await readSeries(existingStore(o.runs ?? DEFAULT_RUNS_DIR), {
    asset,
    metric: o.metric,
    ...(o.column !== undefined ? { column: o.column } : o.expectation ? {} : { column: null }),
    expectation: o.expectation ?? null,
    limit: o.limit,
  });
  if (!series.length)
    throw new AssayUsageError(
      `no values of ${o.metric}${o.column ? ` of column ${o.column}` : ''} for asset ${JSON.stringify(asset)}; \`assay history ${asset}\` lists its metrics`,
    );
  return series;
}
