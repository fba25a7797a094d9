import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { testDatabase } from './helpers.js';

const T = 'expect_column_max_to_be_within';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES
     (TIMESTAMP '2026-03-01 10:00:00', TIMESTAMPTZ '2026-03-01 10:00:00+00', DATE '2026-03-01', 'x'),
     (TIMESTAMP '2026-03-02 08:00:00', TIMESTAMPTZ '2026-03-02 08:00:00+02', DATE '2026-03-02', 'y')) v(ts, tz, d, s)`,
  `CREATE TABLE empty AS SELECT * FROM t WHERE false`,
);

/** One check at a fixed clock: the expectation reads ctx.now, never the real date. */
async function at(now: string, kwargs: Record<string, unknown>, table = 't') {
  const res = await validate(
    db.conn,
    table,
    { name: 's', expectations: [{ type: T, kwargs, severity: 'error' }] },
    { now: new Date(now), catalogue: await loadCatalogue() },
  );
  return res.results[0]!;
}

describe(T, () => {
  it('passes while the newest value is younger than max_age at the run clock', async () => {
    const fresh = await at('2026-03-03T07:59:59Z', { column: 'ts', max_age: '24h' });
    expect(fresh).toMatchObject({
      success: true,
      result: { observed_value: '2026-03-02T08:00:00', details: { age: '23h 59m', timezone: 'UTC' } },
    });
    const stale = await at('2026-03-03T08:00:01Z', { column: 'ts', max_age: '1d' });
    expect(stale.success).toBe(false);
    expect(stale.result.details).toMatchObject({ age_seconds: 86_401, max_age_seconds: 86_400 });
  });

  it('reads a TIMESTAMP in the zone it is given; a TIMESTAMPTZ is an instant already; a DATE counts from its midnight', async () => {
    // 08:00 in New York is 13:00 UTC.
    expect((await at('2026-03-02T14:00:00Z', { column: 'ts', max_age: '1h', timezone: 'America/New_York' })).success).toBe(true);
    expect((await at('2026-03-02T14:00:00Z', { column: 'ts', max_age: '1h' })).success).toBe(false);
    // 08:00+02 is 06:00 UTC.
    expect((await at('2026-03-02T07:00:00Z', { column: 'tz', max_age: '1h', timezone: 'Asia/Tokyo' })).success).toBe(true);
    expect((await at('2026-03-02T23:00:00Z', { column: 'd', max_age: '23h' })).success).toBe(true);
    expect((await at('2026-03-03T00:00:01Z', { column: 'd', max_age: '24h' })).success).toBe(false);
  });

  it('an empty column fails; a text column, a bad duration or a bad zone raise', async () => {
    expect(await at('2026-03-03T00:00:00Z', { column: 'ts', max_age: '1d' }, 'empty')).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
    expect((await at('2026-03-03T00:00:00Z', { column: 's', max_age: '1d' })).exception_info.exception_message).toMatch(
      /is VARCHAR, not a date or timestamp/,
    );
    expect((await at('2026-03-03T00:00:00Z', { column: 'ts', max_age: 'soon' })).exception_info.exception_message).toMatch(
      /max_age: "soon" is not a duration/,
    );
    expect(
      (await at('2026-03-03T00:00:00Z', { column: 'ts', max_age: '1d', timezone: 'Mars/Olympus' })).exception_info.exception_message,
    ).toMatch(/not a time zone/);
  });
});
