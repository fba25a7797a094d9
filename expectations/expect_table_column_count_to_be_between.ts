import { tableCountBetween } from './_table_count.js';

export default tableCountBetween({
  type: 'expect_table_column_count_to_be_between',
  description: 'The number of columns lies between a minimum and a maximum.',
  counts: 'column',
});
