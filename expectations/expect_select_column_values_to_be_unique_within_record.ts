import { mapExpectation } from '../src/engine/map.js';
import type { ExpectationDefinition } from '../src/engine/types.js';

type K = { column_list: string[]; mostly?: number };

/** Shared with the deprecated expect_multicolumn_values_to_be_unique. */
export function uniqueWithinRecord(type: string, description: string): ExpectationDefinition<K> {
  return mapExpectation<K>({
    type,
    family: 'multicolumn_map',
    description,
    schema: {},
    sentence: (k) => `${k.column_list.join(', ')} all different within each row`,
    // Unexpected when any two of the columns are equal. As GE on SQL, a comparison with a
    // missing value decides nothing: two nulls are not "equal".
    unexpected(ctx) {
      const c = ctx.kwargs.column_list.map((name) => ctx.col(name));
      const pairs: string[] = [];
      for (let i = 0; i < c.length; i++) for (let j = i + 1; j < c.length; j++) pairs.push(`(${c[i]} = ${c[j]})`);
      return pairs.length ? pairs.join(' OR ') : 'FALSE';
    },
  });
}

export default uniqueWithinRecord(
  'expect_select_column_values_to_be_unique_within_record',
  'The values of several columns are all different within each row.',
);
