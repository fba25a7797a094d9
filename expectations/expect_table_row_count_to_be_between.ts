import { tableCountBetween } from './_table_count.js';

export default tableCountBetween({
  type: 'expect_table_row_count_to_be_between',
  description: 'The number of rows lies between a minimum and a maximum.',
  counts: 'row',
});
