import { withinHistory } from '../src/history/within-history.js';

export default withinHistory({
  type: 'expect_table_row_count_to_be_within_history',
  description: 'The row count lies within the band of its own history (a volume drop or a doubled delivery fails).',
  metric: 'row_count',
});
