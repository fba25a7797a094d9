import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { distributionChart, renderHtml } from '../../src/report/html.js';
import { compareResults, describer, type Describe, type RunReport } from '../../src/report/run-report.js';
import { ATTR_XSS, engineResult, runInfo, sampleReport, sampleSuite, tmpDir, withStats, XSS } from './fixtures.js';

let describe_: Describe;
beforeAll(async () => {
  describe_ = describer(await (await loadCatalogue()).load());
});

/** The page's text content, roughly: tags dropped, entities decoded. */
function text(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('HTML report', () => {
  it('shows the gate, counts, and every expectation with its words, status and observations', () => {
    const html = renderHtml(sampleReport({ hostile: false }), { describe: describe_ });
    writeFileSync(path.join(tmpDir('html'), 'sample.html'), html);
    const t = text(html);
    expect(t).toContain('Gate closed');
    expect(t).toMatch(/8 expectations/);
    expect(t).toMatch(/2 passed/);
    expect(t).toMatch(/4 failed: error/);
    expect(t).toMatch(/1 failed: warning/);
    expect(t).toMatch(/1 failed: info/);
    expect(t).toMatch(/1 raised an error/);
    // Plain words from the catalogue, with mostly added.
    expect(t).toContain('values of amount between 0 and 500, at least 99% of rows');
    expect(t).toContain('row count between 1 and 100');
    // Observed value, unexpected count and percent, sample values with counts, row numbers.
    expect(t).toMatch(/Observed 200/);
    expect(t).toContain('83 of 199 non-null values (41.71%); 1 missing');
    expect(t).toContain('853.34 ×2');
    expect(t).toContain('0, 4, 6, 10, 11');
    expect(t).toContain('suites/orders.yml:8');
    expect(t).toContain('MissingColumnError: column "mail" does not exist');
    // Below the fail-on severity: reported but does not close the gate.
    expect(t).toMatch(/does not close the gate/);
    for (let i = 1; i <= 8; i++) expect(html).toContain(`id="s1-e${i}"`);
  });

  it('is self-contained: inline CSS and SVG, no script, nothing from the network', () => {
    const html = renderHtml(sampleReport(), { describe: describe_ });
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).toMatch(/<svg /);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link|<img|<iframe|<object|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain(`Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  });

  it('escapes every data value: a value holding <script> shows as text', () => {
    const report = sampleReport();
    report.gate_reasons = [XSS];
    report.suites[0]!.results[1]!.expectation_config.meta = { note: XSS };
    report.suites[0]!.results[1]!.location!.file = `suites/${ATTR_XSS}.yml`;
    const html = renderHtml(report, { describe: describe_ });
    writeFileSync(path.join(tmpDir('html'), 'hostile.html'), html);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain(ATTR_XSS);
    // Shown as text in the suite name, data source, values, set, exception, kwargs, meta, chart labels.
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(8);
    expect(text(html)).toContain(`orders ${XSS}`);
    expect(text(html)).toContain(ATTR_XSS);
    // Inside the SVG charts too (their labels and tooltips).
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g)!.join('');
    expect(svgs).toContain(escaped);
    expect(svgs).not.toMatch(/<script|<img/i);
  });

  it('draws success by expectation, and distributions for failing column checks', () => {
    const html = renderHtml(sampleReport({ hostile: false }), { describe: describe_ });
    const success = html.match(/<svg class="chart success-chart"[\s\S]*?<\/svg>/)![0];
    expect(success.match(/<rect class="bar /g)).toHaveLength(8);
    expect(success).toContain('href="#s1-e2"');
    expect(success).toContain('58.29% of rows pass');
    expect(html.match(/class="chart range-chart"/g)!.length).toBe(4); // amount, row count, created_at, lengths
    expect(html.match(/class="chart set-chart"/g)!.length).toBe(1);
    // Passing expectations get no distribution.
    const passed = html.slice(html.indexOf('id="s1-e1"'), html.indexOf('id="s1-e2"'));
    expect(passed).not.toContain('range-chart');
  });

  it('places values against the range: numbers, dates, lengths, an observed aggregate; sets by count', () => {
    const s = sampleSuite({ hostile: false });
    const amount = distributionChart(s.results[1]!)!;
    expect(amount.svg).toContain('≥ 0');
    expect(amount.svg).toContain('≤ 500');
    expect(amount.svg.match(/<circle class="dot"/g)).toHaveLength(4);
    expect(amount.svg).toContain('853.34 × 2');
    const rows = distributionChart(s.results[3]!)!;
    expect(rows.svg).toContain('observed 200');
    const dates = distributionChart(s.results[5]!)!;
    expect(dates.svg).toContain('≥ 2026-01-01');
    expect(dates.svg.match(/<circle class="dot"/g)).toHaveLength(3);
    const lengths = distributionChart(s.results[7]!)!;
    expect(lengths.caption).toContain('by length');
    const set = distributionChart(s.results[2]!)!;
    expect(set.caption).toContain('not in the expected set');
    expect(set.svg).toContain('lost');
    expect(distributionChart(s.results[0]!)).toBeNull();
    expect(distributionChart(s.results[4]!)).toBeNull();
  });

  it('holds several suites and a meta-validation in one run report', () => {
    const a = sampleSuite({ hostile: false, name: 'orders' });
    const b = sampleSuite({ hostile: false, name: 'customers' });
    const meta = withStats({
      suite_name: 'gate',
      results: [
        {
          expectation_config: {
            type: 'expect_column_values_to_be_in_set',
            kwargs: { column: 'success', value_set: [true] },
            severity: 'error',
            meta: {},
          },
          success: false,
          result: { element_count: 16, unexpected_count: 8, unexpected_percent: 50, partial_unexpected_list: [false] },
          exception_info: { raised_exception: false, exception_message: null, exception_traceback: null },
        },
      ],
      meta: {},
      run: runInfo('p1', '2026-03-01T10:00:00.000Z', 'validation results'),
    });
    const report: RunReport = {
      id: 'pipeline-run-7',
      title: 'orders pipeline',
      gate: 'closed',
      fail_on: 'error',
      gate_reasons: ['meta-validation failed: 8 error-severity expectations failed'],
      data_sources: ['data/orders.csv', 'data/customers.csv'],
      start_time: '2026-03-01T10:00:00.000Z',
      end_time: '2026-03-01T10:00:03.000Z',
      suites: [a, b],
      meta_validation: meta,
    };
    const html = renderHtml(report, { describe: describe_ });
    const t = text(html);
    expect(t).toContain('orders pipeline');
    expect(t).toContain('meta-validation failed: 8 error-severity expectations failed');
    expect(html).toContain('<nav class="toc"');
    expect(html).toContain('id="s0"'); // meta-validation first
    expect(html).toContain('id="s1"');
    expect(html).toContain('id="s2-e8"');
    expect(t).toContain('meta-validation gate');
    expect(t).toMatch(/17 expectations/);
  });

  it('links to the previous run of the suite and shows which expectations changed state', () => {
    const before = sampleSuite({ hostile: false, id: 'run-0', start: '2026-02-28T10:00:00.000Z' });
    before.results[3] = { ...before.results[3]!, success: true, result: { observed_value: 50 } }; // row count passed then
    before.results.splice(6, 1); // the mean check is new now
    const now = sampleSuite({ hostile: false });
    const changes = compareResults(before, now, describe_);
    expect(changes).toEqual([
      expect.objectContaining({ type: 'expect_table_row_count_to_be_between', from: 'passed', to: 'failed', index: 3 }),
      expect.objectContaining({ type: 'expect_column_mean_to_be_between', from: 'absent', to: 'passed', index: 6 }),
    ]);
    const history = new Map([
      ['orders', { run_id: 'run-0', start_time: before.run.start_time, href: '../run-0/report.html', success_percent: 37.5, changes }],
    ]);
    const html = renderHtml(sampleReport({ hostile: false }), { describe: describe_, history });
    expect(html).toContain('<a class="previous" href="../run-0/report.html">run-0</a>');
    const t = text(html);
    expect(t).toContain('Changed state since then');
    expect(t).toMatch(/passed → failed expect_table_row_count_to_be_between row count between 1 and 100/);
    expect(t).toMatch(/new → passed expect_column_mean_to_be_between/);
    expect(t).toContain('Was passed in the previous run, now failed.');
  });

  it('renders a 300-expectation result from the engine quickly and compactly', async () => {
    const result = await engineResult(300);
    const t0 = performance.now();
    const html = renderHtml({ ...sampleReport(), suites: [result], data_sources: [result.run.data_source] }, { describe: describe_ });
    const ms = performance.now() - t0;
    writeFileSync(path.join(tmpDir('html'), 'big.html'), html);
    expect(html.match(/<article /g)).toHaveLength(300);
    expect(ms).toBeLessThan(1000);
    expect(html.length).toBeLessThan(2_000_000);
  });
});
