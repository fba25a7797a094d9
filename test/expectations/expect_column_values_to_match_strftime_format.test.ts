import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_match_strftime_format';
const db = testDatabase(
  `CREATE TABLE t (s VARCHAR, n INTEGER, nulls INTEGER, ts TIMESTAMP)`,
  `INSERT INTO t VALUES ('2019-04-01', 1, NULL, '2019-04-01'), ('2019-4-1', 2, NULL, NULL), ('2019-02-29', 3, NULL, NULL),
       ('2020-02-29', 4, NULL, NULL), (' 2019-04-01', 5, NULL, NULL), ('19-04-01', 6, NULL, NULL), ('2019-04- 1', 7, NULL, NULL), (NULL, 8, NULL, NULL)`,
);

describe(T, () => {
  // Each expectation below was checked against Python 3.11's datetime.strptime.
  it('follows Python strptime, not DuckDB strptime', async () => {
    const r = await db.check('t', T, { column: 's', strftime_format: '%Y-%m-%d' });
    expect(r.result).toMatchObject({ unexpected_list: ['2019-02-29', ' 2019-04-01', '19-04-01'], missing_count: 1 });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused', 'follow-up']);
  });

  it('compiles formats as Python does', async () => {
    const run = async (strftime_format: string, values: string[]) => {
      await db.conn.exec(
        `CREATE OR REPLACE TABLE v AS SELECT * FROM (VALUES ${values.map((x) => `(${db.conn.dialect.literal(x)})`).join(', ')}) x(s)`,
      );
      return (await db.check('v', T, { column: 's', strftime_format })).result.unexpected_list;
    };
    expect(await run('%YT%m', ['2019t04', '2019T4', '2019-04'])).toEqual(['2019-04']);
    expect(await run('%d/%m/%Y %H:%M:%S', ['31/04/2019 10:00:00', '30/04/2019 10:00:60', '30/04/2019  10:00:59'])).toEqual([
      '31/04/2019 10:00:00',
      '30/04/2019 10:00:60',
    ]);
    expect(await run('%m-%d', ['02-29', '02-28'])).toEqual(['02-29']);
    expect(await run('%Y %j', ['2019 366', '9999 366', '0000 001'])).toEqual(['9999 366', '0000 001']);
    expect(await run('%b %d, %Y', ['APR 1, 2019', 'april 1, 2019', 'Apr 31, 2019'])).toEqual(['april 1, 2019', 'Apr 31, 2019']);
    expect(await run('%H:%M%z', ['10:00+05:30', '10:00+0530', '10:00Z', '10:00z', '10:00+05:3000', '10:00+2400'])).toEqual([
      '10:00z',
      '10:00+05:3000',
      '10:00+2400',
    ]);
    expect(await run('%c', ['Mon Apr  1 10:00:00 2019', 'Mon Apr 31 10:00:00 2019'])).toEqual(['Mon Apr 31 10:00:00 2019']);
    expect(await run('%x', ['04/01/19', '04/31/19'])).toEqual(['04/31/19']);
    expect(await run('%%%Y.%m', ['%2019.04', '2019.04', '%2019x04'])).toEqual(['2019.04', '%2019x04']);
  });

  it('refuses a format Python cannot parse back', async () => {
    for (const [format, message] of [
      ['%D', "'D' is a bad directive"],
      ['%Y-%', 'stray %'],
      ['% d', "'%' is a bad directive"],
      ['%Y%Y', 'redefinition'],
      ['%G-%m', "ISO year directive '%G' must be used"],
      ['%Y-%V-%u', 'incompatible with the year directive'],
    ] as const) {
      const r = await db.check('t', T, { column: 's', strftime_format: format });
      expect(r.exception_info.exception_message).toContain('Unable to use provided strftime_format.');
      expect(r.exception_info.exception_message).toContain(message);
    }
  });

  it('raises for non-text values, unless there are none', async () => {
    for (const column of ['n', 'ts']) {
      const r = await db.check('t', T, { column, strftime_format: '%Y' });
      expect(r.exception_info.exception_message).toMatch(
        /Values passed to expect_column_values_to_match_strftime_format must be of type string/,
      );
    }
    expect((await db.check('t', T, { column: 'nulls', strftime_format: '%Y' })).success).toBe(true);
  });
});
