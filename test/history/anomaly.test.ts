import { describe, expect, it } from 'vitest';
import { computeBand, withinBand } from '../../src/history/anomaly.js';
import type { HistoryPoint } from '../../src/history/store.js';

/** Daily points at noon UTC from 2026-03-01 (a Sunday). */
const days = (values: (number | null)[], flagged: number[] = []): HistoryPoint[] =>
  values.map((value, i) => ({
    run_id: `r${i}`,
    time: new Date(Date.UTC(2026, 2, 1 + i, 12)).toISOString(),
    value,
    text: null,
    flagged: flagged.includes(i),
  }));
const now = (day: number) => new Date(Date.UTC(2026, 2, day, 12));

describe('anomaly bands', () => {
  it('relative_change: the previous value ± threshold', () => {
    const band = computeBand(days([100, 120]), { method: 'relative_change', threshold: 0.25 }, now(3));
    expect(band).toMatchObject({ center: 120, min: 90, max: 150 });
    expect(band.used.map((p) => p.run_id)).toEqual(['r1']);
    expect(withinBand(151, band)).toBe(false);
    expect(withinBand(91, band)).toBe(true);
  });

  it('z_score: mean ± threshold sample standard deviations over the window', () => {
    const band = computeBand(days([1000, 2, 4, 4, 4, 5, 5, 7, 9]), { method: 'z_score', window: 8, threshold: 2, min_history: 3 }, now(11));
    // 2,4,4,4,5,5,7,9: mean 5, sample sd sqrt(32/7)
    expect(band.center).toBe(5);
    expect(band.spread).toBeCloseTo(Math.sqrt(32 / 7), 10);
    expect(band.max).toBeCloseTo(5 + 2 * Math.sqrt(32 / 7), 10);
  });

  it('mad: median ± threshold robust spreads, unmoved by one outlier', () => {
    const band = computeBand(days([10, 11, 9, 10, 500, 10, 12]), { method: 'mad', threshold: 3 }, now(9));
    expect(band.center).toBe(10);
    expect(band.spread).toBeCloseTo(1.4826, 4);
    expect(withinBand(14, band)).toBe(true);
    expect(withinBand(15, band)).toBe(false);
  });

  it('seasonal: only the same day of the week', () => {
    // 2026-03-01 is a Sunday: Sundays are days 0, 7, 14, 21; the rest are ten times smaller.
    const values = Array.from({ length: 28 }, (_, i) => (i % 7 === 0 ? 1000 + i : 100));
    const band = computeBand(days(values), { method: 'seasonal', season: 'day_of_week', threshold: 3 }, now(29));
    expect(band.used.map((p) => p.value)).toEqual([1000, 1007, 1014, 1021]);
    expect(withinBand(1010, band)).toBe(true);
    expect(withinBand(100, band)).toBe(false);
  });

  it('cold start: fewer usable values than min_history pass with a note; flagged and null values are not usable', () => {
    const band = computeBand(days([10, null, 500, 11]), { method: 'mad', min_history: 3 }, now(6));
    expect(band.used.map((p) => p.value)).toEqual([10, 500, 11]);
    const excluding = computeBand(days([10, null, 500, 11], [2]), { method: 'mad', min_history: 3 }, now(6));
    expect(excluding.min).toBeNull();
    expect(excluding.note).toMatch(/cold start: 2 usable past values, fewer than min_history 3/);
    expect(withinBand(1e9, excluding)).toBe(true);
  });

  it('a constant history gets a spread of 1% of its center, or min_spread', () => {
    expect(computeBand(days([50, 50, 50, 50, 50]), { method: 'z_score' }, now(7))).toMatchObject({ spread: 0.5, min: 48.5, max: 51.5 });
    expect(computeBand(days([50, 50, 50, 50, 50]), { method: 'mad', min_spread: 2, threshold: 1 }, now(7))).toMatchObject({
      min: 48,
      max: 52,
    });
  });
});
