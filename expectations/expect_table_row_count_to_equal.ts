import { tableCountEquals } from './_table_count.js';

export default tableCountEquals({
  type: 'expect_table_row_count_to_equal',
  description: 'The table has exactly a given number of rows.',
  counts: 'row',
});
