// `assay history [asset]`: what the metric store (<runs>/history.duckdb) holds. Without an
// asset, the assets; with one, its metrics; with --metric, that metric's series, oldest first.
// The store (DuckDB) is loaded when the command runs.
import { existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_RUNS_DIR } from '../report/runs-dir.js';
import { AssayUsageError, EXIT } from '../errors.js';
import { formatTable } from './table.js';

interface HistoryCliOptions {
  runs: string;
  metric?: string;
  column?: string;
  expectation?: string;
  limit?: number;
  json?: boolean;
}

export function registerHistoryCommand(program: Command): void {
  program
    .command('history')
    .description('print the metric history of a data asset (kept by `validate --runs` and pipeline runs)')
    .argument('[asset]', "the data asset (the suite's `asset`, else its name; pipelines: <pipeline>.<table>); none: list the assets")
    .option('--runs <dir>', 'the runs folder holding history.duckdb (pipelines: <state_dir>/runs)', DEFAULT_RUNS_DIR)
    .option(
      '-m, --metric <name>',
      "the metric: row_count, null_fraction, null_count, distinct_count, min, max, mean, or an expectation's (observed_value, unexpected_percent, ...)",
    )
    .option('-c, --column <name>', 'the column of a column metric')
    .option('-e, --expectation <type>', "an expectation type: its own metrics instead of the column profile's")
    .option('-n, --limit <n>', 'only the most recent n points', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--limit must be a positive whole number');
      return n;
    })
    .option('--json', 'print JSON')
    .action(async (asset: string | undefined, o: HistoryCliOptions) => {
      process.exitCode = await runHistory(asset, o);
    });
}

export async function runHistory(asset: string | undefined, o: HistoryCliOptions): Promise<number> {
  const { storeFile, listAssets, listMetrics, readSeries } = await import('../history/store.js');
  const file = storeFile(o.runs);
  if (!existsSync(file))
    throw new AssayUsageError(`no metric store at ${file}: it is kept by \`assay validate --runs ${o.runs}\` and by pipeline runs`);
  const print = (json: unknown, text: string) => process.stdout.write(`${o.json ? JSON.stringify(json, null, 2) : text}\n`);
  if (!asset) {
    const assets = await listAssets(file);
    print(
      assets,
      assets.length
        ? formatTable(
            ['asset', 'runs', 'first (UTC)', 'last (UTC)'],
            assets.map((a) => [a.asset, String(a.runs), a.first, a.last]),
          )
        : `No runs recorded in ${file}.`,
    );
    return EXIT.OK;
  }
  if (!o.metric) {
    const metrics = await listMetrics(file, asset);
    if (!metrics.length)
      throw new AssayUsageError(
        `no history of asset ${JSON.stringify(asset)} in ${file} (\`assay history --runs ${o.runs}\` lists the assets)`,
      );
    print(
      metrics,
      formatTable(
        ['metric', 'column', 'expectation', 'points'],
        metrics.map((m) => [m.metric, m.column ?? '', m.expectation ?? '(profile)', String(m.points)]),
      ),
    );
    return EXIT.OK;
  }
  const series = await readSeries(file, {
    asset,
    metric: o.metric,
    ...(o.column !== undefined ? { column: o.column } : o.expectation ? {} : { column: null }),
    expectation: o.expectation ?? null,
    limit: o.limit,
  });
  if (!series.length) {
    throw new AssayUsageError(
      `no values of ${o.metric}${o.column ? ` of column ${o.column}` : ''} for asset ${JSON.stringify(asset)}; \`assay history ${asset}\` lists its metrics`,
    );
  }
  print(
    series,
    formatTable(
      ['time (UTC)', 'value', 'run', ...(o.expectation ? ['column'] : []), 'flagged'],
      series.map((p) => [
        p.time,
        p.value === null ? (p.text ?? 'null') : String(p.value),
        p.run_id,
        ...(o.expectation ? [p.column ?? ''] : []),
        p.flagged ? 'anomaly' : '',
      ]),
    ),
  );
  return EXIT.OK;
}
