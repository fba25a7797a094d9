import { distinctSetExpectation } from '../src/engine/aggregate.js';

// GE 1.2: an empty or null value_set admits any values.
export default distinctSetExpectation({
  type: 'expect_column_distinct_values_to_be_in_set',
  description: 'Every distinct value of a column is in a given set.',
  sentence: (k) => `distinct values of ${k.column} all in ${JSON.stringify(k.value_set ?? [])}`,
  optionalSet: true,
  success: (observed, expected) => expected.size === 0 || [...observed].every((v) => expected.has(v)),
});
