// The clock of a run. Freshness checks, now-relative parameters and the metric store all read
// the time from here, never from `new Date()` on their own: `--now` (or ASSAY_NOW) fixes it for
// tests and back-fills, and one validation sees one instant however long it takes.
import { parseInstant } from '../engine/aggregate.js';
import { InvalidKwargsError } from '../errors.js';

/** An ISO date or date/time as a Date; a value without an offset is UTC. */
export function parseTime(text: string, what = 'time'): Date {
  const instant = parseInstant(text);
  if (!instant)
    throw new InvalidKwargsError(`${what}: ${JSON.stringify(text)} is not an ISO date or date/time (e.g. 2026-03-01T06:00:00Z)`);
  return new Date(Number(instant.micros / 1000n));
}

/** The instant a run takes as now: `--now`, else ASSAY_NOW, else the system clock. */
export function resolveNow(flag?: string, env: Record<string, string | undefined> = process.env): Date {
  const text = flag ?? env.ASSAY_NOW;
  if (text !== undefined && text.trim() !== '') return parseTime(text, flag !== undefined ? '--now' : 'ASSAY_NOW');
  return new Date();
}
