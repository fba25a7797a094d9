import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJunit, xmlAttr, xmlText } from '../../src/report/junit.js';
import type { RunReport } from '../../src/report/run-report.js';
import { sampleReport, tmpDir, XSS } from './fixtures.js';

const XSD = path.resolve(import.meta.dirname, '../fixtures/junit.xsd');
const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
const hasXmllint = xmllint.status === 0;
if (!hasXmllint) console.warn('JUnit schema check SKIPPED: xmllint is missing (Debian: apt-get install libxml2-utils)');

function validateXml(xml: string, name: string): { ok: boolean; output: string } {
  const file = path.join(tmpDir('junit'), name);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const count = (xml: string, re: RegExp) => xml.match(re)?.length ?? 0;

describe('JUnit XML', () => {
  it('has one testcase per expectation; gate-closing failures are failures or errors, the rest skipped', () => {
    const xml = renderJunit(sampleReport({ hostile: false }), { hostname: 'ci' });
    expect(count(xml, /<testcase /g)).toBe(8);
    expect(count(xml, /<failure /g)).toBe(3); // in_set, row count, created_at (error severity)
    expect(count(xml, /<error /g)).toBe(1); // the one that raised
    expect(count(xml, /<skipped /g)).toBe(2); // the warning and the info
    expect(xml).toMatch(/<testsuites name="assay orders" tests="8" failures="3" errors="1" skipped="2" time="1.234">/);
    expect(xml).toMatch(
      /<testsuite name="orders" tests="8" failures="3" errors="1" skipped="2" time="1.234" timestamp="2026-03-01T10:00:00" hostname="ci">/,
    );
    expect(xml).toContain(
      '<testcase name="expect_table_row_count_to_be_between: min_value = 1, max_value = 100" classname="orders" time="0">',
    );
    expect(xml).toContain('<failure message="observed 200" type="expect_table_row_count_to_be_between">');
    expect(xml).toContain('at suites/orders.yml:3');
    expect(xml).toMatch(/<error message="MissingColumnError: column &quot;mail&quot; does not exist" type="MissingColumnError">/);
    expect(xml).toMatch(/<skipped message="warning \(below --fail-on error, does not close the gate\): 83 unexpected/);
  });

  it('makes every failure count with --fail-on info', () => {
    const xml = renderJunit(sampleReport({ hostile: false, failOn: 'info' }));
    expect(count(xml, /<failure /g)).toBe(5);
    expect(count(xml, /<skipped /g)).toBe(0);
  });

  it('escapes markup and characters XML cannot hold', () => {
    expect(xmlAttr('a"b<c>&\nd')).toBe('a&quot;b&lt;c&gt;&amp;&#10;d');
    expect(xmlText('x\u0000y\u001bz ]]> \uD800')).toBe('x\uFFFDy\uFFFDz ]]&gt; \uFFFD');
    const xml = renderJunit(sampleReport());
    expect(xml).not.toContain(XSS);
    expect(xml).toContain('&lt;script&gt;');
  });

  it.skipIf(!hasXmllint)('validates against the JUnit XML schema CI systems read (test/fixtures/junit.xsd)', () => {
    const reports: [string, RunReport][] = [
      ['sample.xml', sampleReport({ hostile: false })],
      ['hostile.xml', sampleReport()],
      ['fail-on-info.xml', sampleReport({ failOn: 'info' })],
      ['empty.xml', { ...sampleReport(), suites: [{ ...sampleReport().suites[0]!, results: [] }] }],
    ];
    for (const [name, report] of reports) {
      const r = validateXml(renderJunit(report), name);
      expect(r.output).toContain('validates');
      expect(r.ok).toBe(true);
    }
    // The schema does reject what CI systems would not read.
    const bad = validateXml(
      '<testsuites><testsuite name="x" tests="1" failures="0"><testcase name="a"/></testsuite></testsuites>',
      'bad.xml',
    );
    expect(bad.ok).toBe(false);
  });
});
