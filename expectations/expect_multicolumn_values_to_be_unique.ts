import { uniqueWithinRecord } from './expect_select_column_values_to_be_unique_within_record.js';

// Great Expectations 0.x name, deprecated there in favour of
// expect_select_column_values_to_be_unique_within_record (same check, not compound uniqueness).
export default uniqueWithinRecord(
  'expect_multicolumn_values_to_be_unique',
  'Deprecated (GE 0.x) name of expect_select_column_values_to_be_unique_within_record.',
);
