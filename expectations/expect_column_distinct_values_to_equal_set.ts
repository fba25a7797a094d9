import { distinctSetExpectation } from '../src/engine/aggregate.js';

export default distinctSetExpectation({
  type: 'expect_column_distinct_values_to_equal_set',
  description: 'The distinct values of a column are exactly a given set.',
  sentence: (k) => `distinct values of ${k.column} are exactly ${JSON.stringify(k.value_set)}`,
  success: (observed, expected) => observed.size === expected.size && [...expected].every((v) => observed.has(v)),
});
