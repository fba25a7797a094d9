// Meta-validation: an ordinary suite run by the same engine over the validation results table.
// Its outcome is the gate. The default, used when a pipeline gives none: no error-severity
// expectation failed, and no expectation raised an exception. Under `gate: quarantine` an
// error-severity failure whose rows went to quarantine does not count: those rows are out.
import type { Catalogue } from '../engine/catalogue.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Sql, Suite, SuiteValidationResult } from '../engine/types.js';
import { validate } from '../engine/validate.js';
import { RESULTS_TABLE } from './results-table.js';
import type { GatePolicy } from './types.js';

export function defaultMetaSuite(policy: GatePolicy): Suite {
  const failing = policy === 'quarantine' ? "severity = 'error' AND NOT quarantined" : "severity = 'error'";
  return {
    name: 'assay_default_meta',
    meta: { description: 'Default meta-suite: no error-severity expectation failed, no expectation raised an exception.' },
    expectations: [
      {
        type: 'expect_column_values_to_be_in_set',
        kwargs: { column: 'success', value_set: [true], row_condition: failing, result_format: 'SUMMARY' },
        severity: 'error',
        meta: {
          rule:
            policy === 'quarantine' ? 'no error-severity expectation failed outside quarantine' : 'no error-severity expectation failed',
        },
      },
      {
        type: 'expect_column_values_to_be_null',
        kwargs: { column: 'exception', result_format: 'SUMMARY' },
        severity: 'error',
        meta: { rule: 'no expectation raised an exception' },
      },
    ],
  };
}

/** `relation`: the results table, or a relation standing for it (see resultsWith). */
export async function runMeta(
  conn: DuckDBConnection,
  catalogue: Catalogue,
  suite: Suite,
  runId: string,
  relation: Sql = conn.dialect.ident(RESULTS_TABLE),
): Promise<SuiteValidationResult> {
  const result = await validate(conn, relation, suite, {
    catalogue,
    runId,
    resultFormat: 'SUMMARY',
    dataSource: `${RESULTS_TABLE} (validation results of run ${runId})`,
  });
  return { ...result, meta: { ...result.meta, meta_validation: true } };
}
