import { describe, expect, it } from 'vitest';
import { mdText, renderMarkdown } from '../../src/report/markdown.js';
import { sampleReport, sampleSuite, XSS } from './fixtures.js';

describe('Markdown summary', () => {
  it('says the gate, the counts, and lists failures gate-closing first', () => {
    const md = renderMarkdown(sampleReport({ hostile: false }));
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ Assay: orders — gate closed');
    expect(md).toContain('8 expectations: 2 passed, 6 failed (4 error, 1 warning, 1 info), 1 raised an error');
    const rows = lines.filter((l) => /^\| (❌|⚠️|ℹ️) /.test(l));
    expect(rows).toHaveLength(6);
    expect(rows.slice(0, 4).every((r) => r.startsWith('| ❌'))).toBe(true);
    expect(rows[4]).toMatch(/^\| ⚠️ \| warning \|/);
    expect(rows[5]).toMatch(/^\| ℹ️ \| info \|/);
    expect(md).toContain('| ❌ | error (raised) |');
    expect(md).toContain('suites/orders.yml:3');
    expect(md).toContain('<details><summary>2 passed</summary>');
  });

  it('keeps data from breaking the table or adding markup', () => {
    expect(mdText('a|b <b>x</b> *y* [l](u)\nz')).toBe('a\\|b &lt;b&gt;x&lt;/b&gt; \\*y\\* \\[l\\](u) z');
    const md = renderMarkdown(sampleReport());
    expect(md).not.toContain(XSS);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))) {
      // Five cells: the escaped pipes of data do not add any.
      expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(5);
    }
  });

  it('stays compact: at most maxFailures rows, the rest counted', () => {
    const s = sampleSuite({ hostile: false });
    const many = { ...s, results: Array.from({ length: 30 }, () => s.results[3]!) };
    const md = renderMarkdown({ ...sampleReport(), suites: [many] }, { maxFailures: 10 });
    expect(md.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(10);
    expect(md).toContain('… and 20 more failed expectations');
  });

  it('says an open gate plainly', () => {
    const s = sampleSuite({ hostile: false });
    const ok = { ...s, success: true, results: [s.results[0]!, s.results[6]!] };
    const md = renderMarkdown({ ...sampleReport({ hostile: false }), gate: 'open', suites: [ok] });
    expect(md.split('\n')[0]).toBe('### ✅ Assay: orders — gate open');
    expect(md).not.toContain('Failed expectations');
  });
});
