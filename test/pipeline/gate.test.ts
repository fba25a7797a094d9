import { describe, expect, it } from 'vitest';
import type { SuiteValidationResult } from '../../src/engine/types.js';
import { decideGate } from '../../src/pipeline/gate.js';
import type { ResultRow } from '../../src/pipeline/results-table.js';

const row = (over: Partial<ResultRow>): ResultRow => ({
  run_id: 'r',
  step: 1,
  suite: 's',
  table_name: 't',
  expectation_index: 0,
  expectation_type: 'expect_column_values_to_not_be_null',
  kwargs: { column: 'id' },
  severity: 'error',
  success: true,
  observed_value: null,
  element_count: 10,
  unexpected_count: 0,
  unexpected_percent: 0,
  exception: null,
  quarantined: false,
  ...over,
});

const meta = (success: boolean): SuiteValidationResult => ({
  success,
  suite_name: 'm',
  statistics: {
    evaluated_expectations: 1,
    successful_expectations: success ? 1 : 0,
    unsuccessful_expectations: success ? 0 : 1,
    success_percent: success ? 100 : 0,
  },
  results: [
    {
      expectation_config: {
        type: 'expect_column_values_to_be_null',
        kwargs: { column: 'exception' },
        severity: 'error',
        meta: { rule: 'no expectation raised an exception' },
      },
      success,
      result: {},
      exception_info: { raised_exception: false, exception_message: null, exception_traceback: null },
    },
  ],
  meta: {},
  run: { id: 'r', start_time: '', end_time: '', data_source: '', engine: { name: 'duckdb', version: '' }, assay_version: '' },
});

describe('the gate', () => {
  const failedError = row({ success: false });
  const failedWarning = row({ success: false, severity: 'warning' });
  const quarantined = row({ success: false, quarantined: true });

  it('strict: any failed error-severity expectation or meta-expectation closes it', () => {
    expect(decideGate('strict', [row({}), failedWarning], [meta(true)])).toEqual({ policy: 'strict', open: true, reasons: [] });
    expect(decideGate('strict', [failedError], [meta(true)])).toMatchObject({
      open: false,
      reasons: ['t: expect_column_values_to_not_be_null(id) failed (error)'],
    });
    expect(decideGate('strict', [row({})], [meta(false)])).toMatchObject({
      open: false,
      reasons: ['meta-suite m: "no expectation raised an exception" does not hold'],
    });
  });

  it('quarantine: quarantined row-level failures pass, the meta-suite decides the rest', () => {
    expect(decideGate('quarantine', [quarantined], [meta(true)]).open).toBe(true);
    expect(decideGate('quarantine', [quarantined], [meta(false)]).open).toBe(false);
  });

  it('warn: always open, listing what failed', () => {
    expect(decideGate('warn', [failedError, failedWarning], [meta(false)])).toMatchObject({ open: true });
    expect(decideGate('warn', [failedError, failedWarning], [meta(false)]).reasons).toHaveLength(3);
  });
});
