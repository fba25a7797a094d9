// Time zones for values that carry none. A TIMESTAMP (without time zone) is read as UTC unless
// a check names its zone; then its wall-clock time is turned into an instant with the zone's
// offset at that moment (daylight saving included), from Intl, without a dependency.
import { InvalidKwargsError } from '../errors.js';

export function checkTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new InvalidKwargsError(`timezone: ${JSON.stringify(zone)} is not a time zone (use an IANA name such as UTC or Europe/Paris)`);
  }
}

/** The zone's offset from UTC at an instant, in ms (Paris in winter: +3 600 000). */
function offsetAt(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The instant (ms) of a wall-clock time (given as if it were UTC, in ms) in a zone. */
export function wallToInstant(wallMs: number, zone: string): number {
  if (zone === 'UTC') return wallMs;
  const first = wallMs - offsetAt(zone, wallMs);
  return wallMs - offsetAt(zone, first);
}
