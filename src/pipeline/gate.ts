// The gate: a pure function of the validation results, the meta-validations and the policy.
//   strict      closed by any failed error-severity expectation or failed meta-expectation
//   quarantine  failed row-level expectations whose rows went to quarantine do not count;
//               anything else that fails (aggregates, the meta-suite) closes it
//   warn        always open; what failed is listed as reasons
import { atOrAbove, blockingFailures } from '../engine/gate.js';
import type { Severity, SuiteValidationResult } from '../engine/types.js';
import type { ResultRow } from './results-table.js';
import type { GateDecision, GatePolicy } from './types.js';

const describe = (r: ResultRow) =>
  `${r.table_name}: ${r.expectation_type}${kwargHint(r.kwargs)} ${r.exception ? `raised ${r.exception}` : 'failed'} (${r.severity})`;

function kwargHint(kwargs: unknown): string {
  const k = (kwargs ?? {}) as Record<string, unknown>;
  const cols =
    k.column ??
    (k.column_A && k.column_B ? `${k.column_A}, ${k.column_B}` : Array.isArray(k.column_list) ? k.column_list.join(', ') : undefined);
  return cols ? `(${cols})` : '';
}

/** `failOn`: the lowest severity whose failure closes the gate (pipelines: error; `assay validate --fail-on`). */
export function decideGate(
  policy: GatePolicy,
  rows: readonly ResultRow[],
  metas: readonly SuiteValidationResult[],
  failOn: Severity = 'error',
): GateDecision {
  const failed = rows.filter((r) => !r.success);
  const blocking = failed.filter((r) => atOrAbove(r.severity as Severity, failOn) && !(policy === 'quarantine' && r.quarantined));
  const metaFailures = metas.flatMap((m) => blockingFailures(m, 'error').map((r) => ({ suite: m.suite_name, r })));
  const reasons = [
    ...(policy === 'warn' ? failed : blocking).map(describe),
    ...metaFailures.map(({ suite, r }) => {
      const rule = r.expectation_config.meta?.rule;
      return `meta-suite ${suite}: ${typeof rule === 'string' ? `"${rule}" does not hold` : `${r.expectation_config.type}${kwargHint(r.expectation_config.kwargs)} failed`}`;
    }),
  ];
  if (policy === 'warn') return { policy, open: true, reasons };
  const closed = metaFailures.length > 0 || (policy === 'strict' && blocking.length > 0);
  return { policy, open: !closed, reasons: closed ? reasons : [] };
}
