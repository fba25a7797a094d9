// A suite written in TypeScript: the same shape as a suite file, typed from the catalogue's
// kwargs schemas (./expectation-kwargs.ts, generated), so an unknown type, a misspelt kwarg or a
// missing required one is a compile error. validate() still checks it at run time (ranges,
// patterns and everything JSON Schema says that types cannot).
import type { Severity } from '../engine/types.js';
import type { ExpectationKwargs } from './expectation-kwargs.js';

export type { ExpectationKwargs };
export type ExpectationType = keyof ExpectationKwargs;

/** `{"$PARAMETER": "name"}`: a value given when the suite runs (`parameters` option). */
export interface ParameterRef {
  $PARAMETER: string;
}

type WithParameters<K> = { [P in keyof K]: K[P] | ParameterRef };

/** One expectation of a suite, its kwargs typed by its type. */
export type ExpectationEntry = {
  [T in ExpectationType]: {
    type: T;
    kwargs: WithParameters<ExpectationKwargs[T]>;
    /** error (default) closes the gate; warning and info are reported only. */
    severity?: Severity | 'critical';
    meta?: Record<string, unknown>;
  };
}[ExpectationType];

export interface SuiteDefinition {
  name: string;
  expectations: ExpectationEntry[];
  /** Columns that identify a row: samples of unexpected values come back with them. */
  key?: string | string[];
  /** Values for `$PARAMETER` references, unless the caller gives others. */
  suite_parameters?: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

/** Returns the suite as given; its value is the type checking. */
export function defineSuite<const S extends SuiteDefinition>(suite: S): S {
  return suite;
}
