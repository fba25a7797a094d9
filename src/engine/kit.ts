// What a project's expectation file is handed when it default-exports a function instead of a
// definition: the engine's own helpers, so the file needs no import of Assay (and a globally
// installed assay and the project's copy can never disagree). See README, Custom expectations.
import { InvalidKwargsError } from '../errors.js';
import { aggregateResult } from './aggregate.js';
import { mapExpectation } from './map.js';

export const expectationKit = {
  /** A row-level check: its `unexpected(ctx)` SQL predicate is counted in the fused scan; samples and GE's result keys follow. */
  mapExpectation,
  /** A table- or column-level result (BOOLEAN_ONLY respected): `aggregateResult(ctx, success, { observed_value })`. */
  aggregateResult,
  /** Throw it from `check` or `judge` for kwargs the schema cannot rule out. */
  InvalidKwargsError,
};

export type ExpectationKit = typeof expectationKit;
