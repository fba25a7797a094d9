import { withinHistory } from '../src/history/within-history.js';

export default withinHistory({
  type: 'expect_metric_to_be_within_history',
  description:
    'A table or column metric (row count, null fraction, distinct count, min, max, mean) lies within the band of its own history.',
});
