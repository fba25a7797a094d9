// A freshness check with a history: eight daily runs of a table whose newest row is an hour old,
// but for one stale delivery in the middle (earlier: amber) and a stale one on the last day
// (this run: broke). The column's name is hostile, so what the chart says must be escaped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SuiteValidationResult } from '../../src/engine/types.js';
import { parseSuite, validate } from '../../src/index.js';

export const HOSTILE_COLUMN = 'created<img src=x onerror=alert(3)>';

export async function freshnessReplay(): Promise<SuiteValidationResult> {
  const runs = path.join(mkdtempSync(path.join(tmpdir(), 'assay-freshness-')), 'runs');
  const suite = await parseSuite(`name: deliveries
asset: deliveries
expectations:
  - type: expect_column_max_to_be_within
    kwargs: {column: ${JSON.stringify(HOSTILE_COLUMN)}, max_age: 1d}
`);
  let last: SuiteValidationResult | undefined;
  for (let day = 1; day <= 8; day++) {
    // Days 4 and 8: the newest row is three days old.
    const stale = day === 4 || day === 8 ? 3 : 0;
    const newest = new Date(Date.UTC(2026, 4, day - stale, 5));
    const rows = [
      { id: 1, [HOSTILE_COLUMN]: new Date(newest.getTime() - 3_600_000) },
      { id: 2, [HOSTILE_COLUMN]: newest },
    ];
    last = await validate(rows, suite, { runs, now: new Date(Date.UTC(2026, 4, day, 6)) });
  }
  return last!;
}
