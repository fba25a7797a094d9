// How the reports word a reconciliation (expect_table_to_match_other_table): the counts, the
// changed columns and the sample keys, in the HTML report and in the one-line wording that
// Markdown, JUnit and the terminal print. On a real comparison in DuckDB.
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../src/connections/index.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { describer, observedLine, runReportFromResult } from '../../src/report/run-report.js';

describe('reconciliation in the reports', () => {
  it('shows counts, changed columns and sample keys', async () => {
    const conn = await openConnection({ kind: 'duckdb' });
    try {
      await conn.exec(
        "CREATE TABLE src AS SELECT * FROM (VALUES (1, 'eu', 10), (2, 'eu', 20), (3, 'us', 30), (4, 'us', 40)) t(id, region, amount)",
      );
      await conn.exec(
        "CREATE TABLE tgt AS SELECT * FROM (VALUES (2, 'eu', 21), (3, 'us', 30), (4, 'US', 41), (5, 'us', 50)) t(id, region, amount)",
      );
      const catalogue = await loadCatalogue();
      const type = 'expect_table_to_match_other_table';
      const result = await validate(
        conn,
        'tgt',
        { name: 'recon', expectations: [{ type, kwargs: { other_table: 'src', key: 'id' }, severity: 'error' }] },
        { catalogue },
      );
      const r = result.results[0]!;
      expect(observedLine(r, 1000)).toBe(
        '1 missing, 1 extra, 2 changed of 4 rows (4 in the other table); changed columns amount 2, region 1; missing id=1; extra id=5; ' +
          'changed (here ≠ other) id=2: amount 21 ≠ 20, id=4: region US ≠ us, amount 41 ≠ 40',
      );
      const report = runReportFromResult(result);
      const describe_ = describer(await catalogue.load());
      const html = renderHtml(report, { describe: describe_ });
      expect(html).toContain('<span class="k">Differences</span> 1 missing, 1 extra, 2 changed of 4 rows (4 in the other table)');
      expect(html).toMatch(/<code class="chip">amount<\/code><span class="times">×2<\/span>/);
      expect(html).toContain('<code class="chip">id&#x3D;5</code>'); // Handlebars escapes '='
      // The counts are worded once, not repeated as raw JSON.
      expect(html).not.toContain('&quot;other_rows&quot;');
      expect(renderMarkdown(report, { describe: describe_ })).toContain('1 missing, 1 extra, 2 changed of 4 rows');

      const aggregates = await validate(
        conn,
        'tgt',
        {
          name: 'agg',
          expectations: [
            {
              type: 'expect_table_aggregates_to_match_other_table',
              kwargs: { other_table: 'src', group_by: ['region'], sum_columns: ['amount'] },
              severity: 'error',
            },
          ],
        },
        { catalogue },
      );
      // Regions compare as text: 'US' is a group of its own, which the source lacks.
      expect(observedLine(aggregates.results[0]!, 1000)).toBe(
        '3 of 3 groups differ (1 extra); in total row_count 4, sum(amount) 142 ≠ 100; differing aggregates sum(amount) 2, row_count 1; ' +
          'groups (here ≠ other) region=US (extra): row_count 1 ≠ null, sum(amount) 41 ≠ null, region=eu: row_count 1 ≠ 2, sum(amount) 21 ≠ 30, region=us: sum(amount) 80 ≠ 70',
      );
    } finally {
      await conn.close();
    }
  });
});
