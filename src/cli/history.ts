// `assay history [asset]`: what the metric store (<runs>/history.duckdb) holds. Without an
// asset, the assets; with one, its metrics; with --metric, that metric's series, oldest first.
// The store (DuckDB) is loaded when the command runs.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_RUNS_DIR } from '../report/runs-dir.js';
import { EXIT } from '../errors.js';
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
  const { historyAssets, historyMetrics, historySeries } = await import('../api/history.js');
  const print = (json: unknown, text: string) => process.stdout.write(`${o.json ? JSON.stringify(json, null, 2) : text}\n`);
  if (!asset) {
    const assets = await historyAssets({ runs: o.runs });
    print(
      assets,
      assets.length
        ? formatTable(
            ['asset', 'runs', 'first (UTC)', 'last (UTC)'],
            assets.map((a) => [a.asset, String(a.runs), a.first, a.last]),
          )
        : `No runs recorded in ${o.runs}.`,
    );
    return EXIT.OK;
  }
  if (!o.metric) {
    const metrics = await historyMetrics(asset, { runs: o.runs });
    print(
      metrics,
      formatTable(
        ['metric', 'column', 'expectation', 'points'],
        metrics.map((m) => [m.metric, m.column ?? '', m.expectation ?? '(profile)', String(m.points)]),
      ),
    );
    return EXIT.OK;
  }
  const series = await historySeries(asset, { ...o, metric: o.metric });
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
