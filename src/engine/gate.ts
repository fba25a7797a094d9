// The gate: a pure function of results and policy. It closes when an expectation at or above
// the --fail-on severity failed (an expectation that raised an exception has failed).
import type { ExpectationResult, Severity, SuiteValidationResult } from './types.js';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}

export function blockingFailures(result: SuiteValidationResult, failOn: Severity = 'error'): ExpectationResult[] {
  return result.results.filter((r) => !r.success && atOrAbove(r.expectation_config.severity, failOn));
}

export function gateOpen(result: SuiteValidationResult, failOn: Severity = 'error'): boolean {
  return blockingFailures(result, failOn).length === 0;
}
