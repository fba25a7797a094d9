// The freshness chart: the newest value's age at each recent run against the max_age line, the
// earlier stale run in amber, this run's point red when it broke the limit; inline SVG, no
// script, every text escaped.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { runReportFromResult } from '../../src/report/run-report.js';
import { freshnessReplay, HOSTILE_COLUMN } from './freshness.js';

describe('the freshness chart', () => {
  it('draws the age of the newest value over the recent runs against max_age, marking the runs past it', async () => {
    const result = await freshnessReplay();
    const [r] = result.results;
    expect(r!.success).toBe(false);
    const series = (r!.result.details as { series: { time: string; age_seconds: number; late: boolean }[] }).series;
    expect(series.map((p) => [p.time.slice(0, 10), p.age_seconds / 3600, p.late])).toEqual([
      ['2026-05-01', 1, false],
      ['2026-05-02', 1, false],
      ['2026-05-03', 1, false],
      ['2026-05-04', 73, true],
      ['2026-05-05', 1, false],
      ['2026-05-06', 1, false],
      ['2026-05-07', 1, false],
    ]);

    const html = renderHtml(runReportFromResult(result));
    const svg = html.match(/<svg class="chart series-chart"[^]*?<\/svg>/)![0];
    expect(svg).toContain('<line class="limit"');
    expect(svg).toContain('<title>max_age 1d</title>');
    expect(svg.match(/class="dot used"/g)).toHaveLength(6);
    expect(svg.match(/class="dot flagged"/g)).toHaveLength(1);
    expect(svg).toContain('class="dot current broke"');
    expect(svg).toContain('<title>this run: 3d 1h old</title>');
    expect(svg).toContain('2026-05-04T06:00:00Z: newest 2026-05-01T05:00:00.000Z, 3d 1h old (older than max_age 1d)');
    expect(html).toContain('; dashed: max_age 1d; 1 earlier run past it in amber');
    // The column name is text everywhere: escaped in the chart's label and caption, never markup.
    expect(html).not.toContain(HOSTILE_COLUMN);
    expect(svg).toContain('aria-label="Age of the newest created&lt;img src=x onerror=alert(3)&gt; over recent runs against max_age 1d"');
    expect(svg).not.toMatch(/<script|<img/);
  }, 60_000);
});
