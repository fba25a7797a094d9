import { distinctSetExpectation } from '../src/engine/aggregate.js';

export default distinctSetExpectation({
  type: 'expect_column_distinct_values_to_contain_set',
  description: 'The distinct values of a column include every value of a given set.',
  sentence: (k) => `distinct values of ${k.column} include ${JSON.stringify(k.value_set)}`,
  success: (observed, expected) => [...expected].every((v) => observed.has(v)),
});
