import { tableCountEquals } from './_table_count.js';

export default tableCountEquals({
  type: 'expect_table_column_count_to_equal',
  description: 'The table has exactly a given number of columns.',
  counts: 'column',
});
