// The runs index's per-asset trends: each asset of the metric store (<runs>/history.duckdb)
// with its row count over its recent runs, anomalies flagged. No store: no section.
import { existsSync } from 'node:fs';
import { listAssets, readSeries, storeFile } from '../history/store.js';
import { fmt, seriesChart } from './history-svg.js';

export interface AssetTrend {
  asset: string;
  runs: number;
  last: string;
  latest: string;
  /** SVG markup. */
  chart: string | null;
}

export async function assetTrends(runsDir: string): Promise<AssetTrend[]> {
  const file = storeFile(runsDir);
  if (!existsSync(file)) return [];
  const out: AssetTrend[] = [];
  for (const a of await listAssets(file)) {
    const series = (await readSeries(file, { asset: a.asset, metric: 'row_count', column: null, limit: 40 })).filter(
      (p): p is typeof p & { value: number } => p.value !== null,
    );
    const last = series[series.length - 1];
    out.push({
      asset: a.asset,
      runs: a.runs,
      last: a.last,
      latest: last ? fmt(last.value) : '',
      chart: seriesChart({
        points: series.map((p) => ({
          value: p.value,
          label: `${p.time}: ${fmt(p.value)} rows${p.flagged ? ' (anomaly)' : ''}`,
          kind: p.flagged ? 'flagged' : 'used',
        })),
        width: 200,
        height: 44,
      }),
    });
  }
  return out;
}
