// When the fused query fails (a bad regex), only the expectation whose metric is broken fails:
// metrics it shares with others (count(*), null counts) are read again one by one.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/engine/connection.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { PostgresConnection } from '../../src/connections/postgres.js';
import { validate } from '../../src/engine/validate.js';
import { postgresUrl } from '../helpers/services.js';

const url = await postgresUrl(import.meta.url);
const engines: [string, () => Promise<Connection>][] = [
  ['duckdb', () => DuckDBConnection.open()],
  ...(url ? ([['postgres', () => PostgresConnection.open(url)]] as [string, () => Promise<Connection>][]) : []),
];

describe.each(engines)('fused-query fallback on %s', (_name, open) => {
  it('a bad regex fails its own expectation only', async () => {
    const conn = await open();
    try {
      const relation = `(SELECT * FROM (VALUES ('a@x.com'), (NULL)) AS v(email)) AS t`;
      const res = await validate(
        conn,
        relation,
        {
          name: 'fallback',
          expectations: [
            { type: 'expect_column_values_to_match_regex', kwargs: { column: 'email', regex: '(' }, severity: 'error' },
            { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'email' }, severity: 'error' },
            { type: 'expect_table_row_count_to_equal', kwargs: { value: 2 }, severity: 'error' },
          ],
        },
        { catalogue: await loadCatalogue() },
      );
      const [regex, notNull, rows] = res.results;
      expect(regex!.exception_info.raised_exception).toBe(true);
      expect(notNull!.exception_info.raised_exception).toBe(false);
      expect(notNull!.result.unexpected_count).toBe(1);
      expect(rows!.success).toBe(true);
    } finally {
      await conn.close();
    }
  });
});
