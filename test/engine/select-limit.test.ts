// The fused scan and the dialect's select-list limit: PostgreSQL refuses a SELECT of more than
// 1,664 entries, so a suite with more metrics than that runs as a few SELECTs, each within the
// limit, and every expectation is still judged. DuckDB has no such limit: one scan.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { expect, it } from 'vitest';
import { openConnection } from '../../src/connections/index.js';
import type { Connection } from '../../src/engine/connection.js';
import type { ExpectationConfig } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { postgresUrl } from '../helpers/services.js';

const url = await postgresUrl(import.meta.url);
const RELATION = '(SELECT x FROM (VALUES (1), (2), (3), (NULL)) AS v(x)) AS t';
/** n expectations, each with its own unexpected count: n + 2 metrics with the shared counts. */
function suiteOf(n: number): ExpectationConfig[] {
  const expectations: ExpectationConfig[] = Array.from({ length: n }, (_, i) => ({
    type: 'expect_column_values_to_be_between',
    kwargs: { column: 'x', min_value: 0, max_value: 3 + i },
    severity: 'error',
  }));
  expectations[0] = { ...expectations[0]!, kwargs: { column: 'x', min_value: 0, max_value: 2 } };
  return expectations;
}

async function check(conn: Connection, N: number): Promise<string[]> {
  const expectations = suiteOf(N);
  const fused: string[] = [];
  const res = await validate(
    conn,
    RELATION,
    { name: 'wide', expectations },
    {
      catalogue: await loadCatalogue(),
      onQuery: (sql, p) => p === 'fused' && fused.push(sql),
    },
  );
  expect(res.results).toHaveLength(N);
  expect(res.results.filter((r) => r.exception_info.raised_exception)).toEqual([]);
  expect(res.results[0]!.result).toMatchObject({ element_count: 4, missing_count: 1, unexpected_count: 1 });
  expect(res.results.slice(1).every((r) => r.success && r.result.unexpected_count === 0)).toBe(true);
  return fused;
}

it.skipIf(!url)('PostgreSQL: more than 1,664 metrics run as several SELECTs within the limit', { timeout: 120_000 }, async () => {
  const conn = await openConnection({ kind: 'postgres', url: url! });
  try {
    const fused = await check(conn, 1800);
    expect(fused).toHaveLength(2);
    for (const sql of fused) expect(sql.split(' AS m').length - 1).toBeLessThanOrEqual(1664);
  } finally {
    await conn.close();
  }
});

// (DuckDB takes seconds to plan 1,800 aggregates, so a smaller suite shows it: no split.)
it('DuckDB: no limit, one scan', async () => {
  const conn = await openConnection({ kind: 'duckdb' });
  try {
    expect(await check(conn, 300)).toHaveLength(1);
  } finally {
    await conn.close();
  }
});
