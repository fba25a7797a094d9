// History-aware results in the one wording every output uses: the value against the band it
// was judged by, the method and the runs the band came from; a cold start and a missing store
// in words; freshness against max_age; schema drift's changes. Real validations, real history.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SuiteValidationResult } from '../../src/engine/types.js';
import { parseSuite, validate } from '../../src/index.js';
import { formatRunSummary } from '../../src/pipeline/summary.js';
import { githubAnnotations } from '../../src/report/annotations.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { observedLine, runReportFromResult } from '../../src/report/run-report.js';
import { formatSummary } from '../../src/report/summary.js';
import { pipelineRunOf } from './fixtures.js';

const SUITE = `name: orders
asset: orders
expectations:
  - type: expect_table_row_count_to_be_within_history
    kwargs: {method: z_score, threshold: 3, min_history: 4}
  - type: expect_table_row_count_to_be_within_history
    kwargs: {method: relative_change, threshold: 0.2}
  - type: expect_column_max_to_be_within
    kwargs: {column: created, max_age: 1d}
  - type: expect_table_schema_to_match_previous
`;

const VOLUMES = [1000, 980, 1020, 1010, 990, 1005, 512];

function rows(n: number, day: number, renamed = false) {
  // The last day's delivery is also stale: its newest row is from three days before.
  const created = new Date(`2026-03-${String(day - (n < 600 ? 3 : 0)).padStart(2, '0')}T05:00:00Z`);
  return Array.from({ length: n }, (_, i) => ({ id: i, [renamed ? 'amt' : 'amount']: i % 50, created }));
}

async function replay(): Promise<SuiteValidationResult[]> {
  const runs = path.join(mkdtempSync(path.join(tmpdir(), 'assay-wording-')), 'runs');
  const suite = await parseSuite(SUITE);
  const results: SuiteValidationResult[] = [];
  for (const [i, n] of VOLUMES.entries()) {
    const day = i + 10;
    results.push(await validate(rows(n, day, i === VOLUMES.length - 1), suite, { runs, now: new Date(`2026-03-${day}T06:00:00Z`) }));
  }
  return results;
}

describe('the wording of history-aware results', () => {
  it('says the value, the band and where the band came from; cold start and freshness in words', async () => {
    const results = await replay();
    const first = results[0]!.results.map((r) => observedLine(r));
    expect(first).toEqual([
      'row count 1,000: not judged yet, cold start (0 usable past runs, 4 needed)',
      'row count 1,000: not judged yet, cold start (0 usable past runs, 1 needed)',
      'newest created 2026-03-10T05:00:00 is 1h old, within max_age 1d',
      'columns not compared: no earlier successful run of this asset: nothing to compare with yet',
    ]);
    const second = results[1]!.results.map((r) => observedLine(r));
    expect(second[1]).toBe('row count 980 within the accepted band 800–1,200 (relative_change, ±20% of the previous run)');
    expect(second[3]).toBe('columns unchanged since the last successful run (2026-03-10T06:00:00Z)');

    const last = results.at(-1)!.results.map((r) => observedLine(r));
    // z_score over the six earlier days: mean 1,000.8, sample sd 14.29: band 958.0–1,043.7.
    expect(last[0]).toBe('row count 512 outside the accepted band 958–1,044 (z_score over 6 runs)');
    expect(last[1]).toBe('row count 512 outside the accepted band 804–1,206 (relative_change, ±20% of the previous run)');
    expect(last[2]).toBe('newest created 2026-03-13T05:00:00 is 3d 1h old, older than max_age 1d');
    expect(last[3]).toMatch(
      /^columns changed since the last successful run \(2026-03-15T06:00:00Z\): removed amount \(BIGINT; renamed to amt\?\), added amt/,
    );
  }, 60_000);

  it('is the same line in the terminal, Markdown, JUnit, annotations and HTML', async () => {
    const suite = (await replay()).at(-1)!;
    const line = 'row count 512 outside the accepted band 958–1,044 (z_score over 6 runs)';
    const report = runReportFromResult(suite, { failOn: 'error' });
    expect(formatSummary(suite, { failOn: 'error' })).toContain(line);
    expect(formatRunSummary(pipelineRunOf(report))).toContain(line);
    expect(renderMarkdown(report)).toContain(line.replaceAll('_', '\\_'));
    expect(renderJunit(report)).toContain(line);
    expect(githubAnnotations(report).join('\n')).toContain(line);
    const html = renderHtml(report);
    expect(html).toContain(line);
    expect(html).toContain('newest created 2026-03-13T05:00:00 is 3d 1h old, older than max_age 1d');
  }, 60_000);
});
