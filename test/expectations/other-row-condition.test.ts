// other_row_condition: which rows of the other table take part in a reconciliation or a foreign
// key, as row_condition says which rows of this one do. A day's partition compared with the
// source's same day; keys that exist only among the source's active rows.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api/validate.js';
import { parseSuite } from '../../src/api/suite.js';
import { workdir } from '../cli/run-cli.js';

// The source holds two days; the target holds day 2 only, with one row of it changed.
const SOURCE = 'id,day,amount,active\n1,1,10,true\n2,1,20,true\n3,2,30,true\n4,2,40,false\n5,2,50,true\n';
const TARGET = 'id,day,amount\n3,2,30\n4,2,41\n5,2,50\n';

describe('other_row_condition', () => {
  const dir = workdir({ 'source.csv': SOURCE, 'target.csv': TARGET });
  const source = path.join(dir, 'source.csv');
  const run = (expectations: { type: string; kwargs: Record<string, unknown> }[]) =>
    validate(path.join(dir, 'target.csv'), { name: 'partition', expectations }, { allowRead: [source] });

  it('restricts the other table of the keyed comparison, the aggregate comparison and a foreign key', async () => {
    const { results } = await run([
      { type: 'expect_table_to_match_other_table', kwargs: { other_table: source, key: 'id', other_row_condition: 'day = 2' } },
      { type: 'expect_table_to_match_other_table', kwargs: { other_table: source, key: 'id' } },
      {
        type: 'expect_table_aggregates_to_match_other_table',
        kwargs: { other_table: source, sum_columns: ['amount'], other_row_condition: 'day = 2' },
      },
      { type: 'expect_column_values_to_be_in_other_table', kwargs: { column: 'id', other_table: source, other_row_condition: 'active' } },
      { type: 'expect_column_values_to_be_in_other_table', kwargs: { column: 'id', other_table: source } },
    ]);
    const [day, whole, totals, activeKeys, allKeys] = results;
    // Only day 2 of the source: nothing missing, the one changed row found.
    expect(day!.result.observed_value).toEqual({ rows: 3, other_rows: 3, missing: 0, extra: 0, changed: 1, duplicate_keys: 0 });
    // Without it, day 1's rows are missing.
    expect(whole!.result.observed_value).toMatchObject({ other_rows: 5, missing: 2, changed: 1 });
    expect(totals!.result.observed_value).toMatchObject({
      aggregates: { row_count: { self: 3, other: 3 }, 'sum(amount)': { self: 121, other: 120 } },
    });
    // id 4 is inactive in the source: an orphan among active keys only.
    expect(activeKeys!.result).toMatchObject({ unexpected_count: 1, partial_unexpected_list: [4] });
    expect(allKeys!.success).toBe(true);
  });

  it('is checked when the suite is loaded, as a row_condition is', async () => {
    await expect(
      parseSuite(
        "name: s\nexpectations:\n  - type: expect_table_to_match_other_table\n    kwargs: {other_table: t, key: id, other_row_condition: \"read_text('/etc/passwd') <> ''\"}\n",
        { file: 'suite.yml' },
      ),
    ).rejects.toThrow(/suite\.yml:4:5: expectation 0 \(expect_table_to_match_other_table\).*other_row_condition: .*read_text/s);
  });
});
