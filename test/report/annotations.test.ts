import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations, repoPath } from '../../src/report/annotations.js';
import { sampleReport, sampleSuite } from './fixtures.js';

describe('GitHub annotations', () => {
  it('puts each failed expectation on its suite line, errors first, warnings and infos after', () => {
    const lines = githubAnnotations(sampleReport({ hostile: false }), { cwd: '/repo', workspace: '/repo' });
    expect(lines.map((l) => l.slice(0, l.indexOf(' ')))).toEqual(['::error', '::error', '::error', '::error', '::warning', '::notice']);
    expect(lines[0]).toBe(
      '::error file=suites/orders.yml,line=11,col=5,title=orders%3A expect_column_values_to_be_in_set failed::column = status, value_set = ["placed","shipped","delivered","returned"] — 12 unexpected of 200 values (6%25); e.g. lost, cancelled, unknown',
    );
    expect(lines[1]).toMatch(
      /^::error file=suites\/orders.yml,line=3,col=5,title=orders%3A expect_table_row_count_to_be_between failed::.* — observed 200$/,
    );
    expect(lines[2]).toContain('raised an error::');
    expect(lines[4]).toMatch(/^::warning file=suites\/orders.yml,line=8,/);
  });

  it('shows at most ten of a kind, the last one summing up the rest', () => {
    const s = sampleSuite({ hostile: false });
    const many = { ...s, results: [...Array.from({ length: 25 }, () => s.results[3]!), ...Array.from({ length: 3 }, () => s.results[1]!)] };
    const lines = githubAnnotations({ ...sampleReport(), suites: [many] });
    const errors = lines.filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(10);
    expect(errors[9]).toBe(
      '::error title=16 more failed error expectations::16 more error-severity expectations failed (25 in all); see the step summary, the JUnit file or the HTML report.',
    );
    expect(lines.filter((l) => l.startsWith('::warning'))).toHaveLength(3);
    expect(lines.findIndex((l) => l.startsWith('::warning'))).toBeGreaterThan(lines.map((l) => l.startsWith('::error')).lastIndexOf(true));
  });

  it('escapes what would end a message or a property', () => {
    expect(escapeData('50% a\nb\r')).toBe('50%25 a%0Ab%0D');
    expect(escapeProperty('a,b:c')).toBe('a%2Cb%3Ac');
    const s = sampleSuite();
    const lines = githubAnnotations({ ...sampleReport(), suites: [s] });
    for (const l of lines) expect(l.split('\n')).toHaveLength(1);
  });

  it('names the suite file relative to the repository', () => {
    expect(repoPath('suites/orders.yml', { cwd: '/repo', workspace: '/repo' })).toBe('suites/orders.yml');
    expect(repoPath('/repo/suites/orders.yml', { cwd: '/elsewhere', workspace: '/repo' })).toBe('suites/orders.yml');
    expect(repoPath('orders.yml', { cwd: '/repo/suites', workspace: '/repo' })).toBe('suites/orders.yml');
    expect(repoPath('../x.yml', { cwd: '/repo', workspace: '/repo' })).toBe(path.resolve('/x.yml'));
  });

  it('has nothing to say when everything passed', () => {
    const s = sampleSuite({ hostile: false });
    expect(githubAnnotations({ ...sampleReport(), suites: [{ ...s, results: [s.results[0]!] }] })).toEqual([]);
  });
});
