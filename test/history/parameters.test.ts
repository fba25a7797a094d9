import { describe, expect, it } from 'vitest';
import { readSuite } from '../../src/config/suite.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { AssayConfigError } from '../../src/errors.js';
import { evaluateParameter } from '../../src/history/parameters.js';
import { parseDuration } from '../../src/history/duration.js';

const now = new Date('2026-03-29T12:30:00Z'); // the Sunday Europe switches to summer time
const ev = (text: string, params: Record<string, unknown> = {}) => evaluateParameter(text, { now, params });

describe('evaluation parameters with date arithmetic', () => {
  it('now(), today() and timedelta, written as ISO UTC', () => {
    expect(ev('now()')).toBe('2026-03-29T12:30:00Z');
    expect(ev('now() - timedelta(days=1)')).toBe('2026-03-28T12:30:00Z');
    expect(ev('now() - timedelta(weeks=1, hours=2.5)')).toBe('2026-03-22T10:00:00Z');
    expect(ev('today()')).toBe('2026-03-29T00:00:00Z');
    // Paris was at +01:00 at its midnight, before the switch at 01:00 UTC.
    expect(ev("today('Europe/Paris')")).toBe('2026-03-28T23:00:00Z');
    expect(ev('today() + 2 * timedelta(hours=3)')).toBe('2026-03-29T06:00:00Z');
  });

  it('reads parameters, numbers and date/time text; a difference of date/times is seconds', () => {
    expect(ev('cutoff + timedelta(days=1)', { cutoff: '2026-01-31' })).toBe('2026-02-01T00:00:00Z');
    expect(ev('(lo + hi) / 2', { lo: 10, hi: 20 })).toBe(15);
    expect(ev("now() - datetime('2026-03-29T12:00:00Z')")).toBe(1800);
  });

  it('says what is wrong, and where', () => {
    expect(() => ev('now() + 1')).toThrow(/cannot compute a date\/time \+ a number/);
    expect(() => ev('timedelta(fortnights=1)')).toThrow(/timedelta has no argument fortnights/);
    expect(() => ev('later()')).toThrow(/unknown function later\(\)/);
    expect(() => ev('now() - timedelta(days=1')).toThrow(/expected \) or ,/);
    expect(() => ev('missing - timedelta(days=1)')).toThrow(/parameter missing has no value/);
  });

  it('a suite computes them at the clock it is given, and reports a bad one at its line', async () => {
    const catalogue = await loadCatalogue();
    const text = [
      'name: s',
      'expectations:',
      '  - type: expect_column_max_to_be_between',
      '    kwargs:',
      '      column: ts',
      '      min_value: { $PARAMETER: "now() - timedelta(days=1)" }',
      '      max_value: { $PARAMETER: "end" }',
    ].join('\n');
    const suite = await readSuite(text, 's.yml', catalogue, { now, parameters: { end: '2026-04-01' } });
    expect(suite.expectations[0]!.kwargs).toMatchObject({ min_value: '2026-03-28T12:30:00Z', max_value: '2026-04-01' });
    const bad = text.replace('days=1', 'dayz=1');
    await expect(readSuite(bad, 's.yml', catalogue, { now, parameters: { end: 1 } })).rejects.toThrow(AssayConfigError);
    await expect(readSuite(bad, 's.yml', catalogue, { now, parameters: { end: 1 } })).rejects.toThrow(
      /s\.yml:6:\d+: .*timedelta has no argument dayz/,
    );
  });
});

describe('durations', () => {
  it('reads s, m, h, d, w and sums of them', () => {
    expect(parseDuration('24h')).toBe(86_400);
    expect(parseDuration('1d12h')).toBe(129_600);
    expect(parseDuration('90m')).toBe(5400);
    expect(parseDuration('2w')).toBe(1_209_600);
    expect(parseDuration(30)).toBe(30);
    expect(() => parseDuration('a day', 'max_age')).toThrow(/max_age: "a day" is not a duration/);
  });
});
