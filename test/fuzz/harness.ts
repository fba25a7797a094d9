// The shared setup of Assay's property-based fuzzing (fast-check). Every property states the
// same contract from the outside: whatever the input, Assay ends with an exit code in 0-3 and
// a message, never 4 ("a bug"), never a hang. Seeded, so a failure replays: the seed and the
// shrunk counterexample are in the failure message; FUZZ_SEED=<n> runs that seed again.
//
// `npm test` gives each property a few seconds; `npm run fuzz` (ASSAY_FUZZ=long) gives it
// FUZZ_SECONDS (default 120) and a fresh seed per run unless FUZZ_SEED is set.
import fc from 'fast-check';
import { expect } from 'vitest';
import { describeError, exitCodeFor } from '../../src/cli/errors.js';

export const LONG = process.env.ASSAY_FUZZ === 'long';

/** One seed for a whole run: fixed in `npm test`, fresh (and printed) in `npm run fuzz`. */
export const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20261203;

/** The time a property may take: its share of the `npm test` budget, or FUZZ_SECONDS. */
export function budgetMs(shortSeconds: number): number {
  return (LONG ? Number(process.env.FUZZ_SECONDS ?? 120) : shortSeconds) * 1000;
}

/** How an attempt ended, as the CLI would end it. */
export interface Outcome {
  code: number;
  message: string;
}

/** The exit code and message the CLI gives for an error (the same table, src/cli/errors.ts). */
export function outcomeOf(err: unknown): Outcome {
  return { code: exitCodeFor(err), message: describeError(err) };
}

/** Runs one attempt; a hang becomes an outcome that fails the property. */
export async function attempt(run: () => Promise<Outcome>, timeoutMs = 20_000): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ code: -1, message: `no answer after ${timeoutMs} ms (a hang)` }), timeoutMs);
  });
  try {
    return await Promise.race([run().catch(outcomeOf), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The contract: exit 0-3, and anything but success says something. */
export function expectContract(outcome: Outcome, input: string): void {
  const shown = input.length > 2000 ? `${input.slice(0, 2000)}...` : input;
  expect([0, 1, 2, 3], `exit ${outcome.code} for:\n${shown}\n${outcome.message}`).toContain(outcome.code);
  if (outcome.code >= 2) expect(outcome.message.trim(), `no message for:\n${shown}`).not.toBe('');
}

export interface FuzzReport {
  name: string;
  cases: number;
  seed: number;
  codes: Record<number, number>;
}

/**
 * Checks an async property for the time budget and returns how many cases ran, by exit code.
 * `run` returns the outcome of one case; the contract is checked on every one.
 */
export async function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  run: (value: T) => Promise<Outcome>,
  opts: { seconds: number; show?: (value: T) => string },
): Promise<FuzzReport> {
  const report: FuzzReport = { name, cases: 0, seed: SEED, codes: {} };
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      const outcome = await attempt(() => run(value));
      report.cases++;
      report.codes[outcome.code] = (report.codes[outcome.code] ?? 0) + 1;
      expectContract(outcome, opts.show ? opts.show(value) : JSON.stringify(value));
    }),
    { seed: SEED, numRuns: 1_000_000, interruptAfterTimeLimit: budgetMs(opts.seconds), markInterruptAsFailure: false },
  );
  if (details.failed) {
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(
      `fuzz ${name} failed after ${details.numRuns} cases (seed ${details.seed}, path ${details.counterexamplePath}):\n${why}`,
    );
  }
  const codes = Object.entries(report.codes)
    .map(([c, n]) => `exit ${c}: ${n}`)
    .join(', ');
  process.stdout.write(`fuzz ${name}: ${report.cases} cases, seed ${SEED} (${codes})\n`);
  return report;
}

/** The vitest timeout of a property with this budget: the budget plus time for its last case. */
export function timeoutFor(shortSeconds: number): number {
  return budgetMs(shortSeconds) + 60_000;
}
