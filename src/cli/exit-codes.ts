// Exit codes are part of Assay's contract: documented in the README, never change meaning.
export const EXIT = {
  /** The gate is open: no expectation at or above --fail-on failed. */
  OK: 0,
  /** An expectation at or above the --fail-on severity failed: the gate is closed. */
  GATE_CLOSED: 1,
  /** Usage error, or a suite/pipeline that is invalid (including a suite with no expectations). */
  USAGE: 2,
  /** The data could not be read (missing or malformed file, dropped database connection). */
  DATA: 3,
  /** An internal error: a bug in Assay. */
  INTERNAL: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
