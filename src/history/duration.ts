// Durations as users write them: `24h`, `90m`, `1d12h`, `2w`; a bare number is seconds.
import { InvalidKwargsError } from '../errors.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const DURATION = /^\s*(?:\d+(?:\.\d+)?\s*[smhdw]\s*)+$/i;

export const DURATION_PATTERN = '^\\s*(?:\\d+(?:\\.\\d+)?\\s*[smhdwSMHDW]\\s*)+$|^\\s*\\d+(?:\\.\\d+)?\\s*$';

/** Seconds in a duration; throws InvalidKwargsError naming `what` when it cannot be read. */
export function parseDuration(text: string | number, what = 'duration'): number {
  if (typeof text === 'number' || /^\s*\d+(?:\.\d+)?\s*$/.test(text)) return Number(text);
  if (!DURATION.test(text)) {
    throw new InvalidKwargsError(
      `${what}: ${JSON.stringify(text)} is not a duration; write e.g. 30m, 24h, 7d, 1d12h (units s, m, h, d, w)`,
    );
  }
  let seconds = 0;
  for (const [, n, unit] of text.matchAll(/(\d+(?:\.\d+)?)\s*([smhdw])/gi)) seconds += Number(n) * UNIT_SECONDS[unit!.toLowerCase()]!;
  return seconds;
}

/** `1d 2h`, `45m`, `3.5s`: a duration for people. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.abs(seconds);
  if (rest < 60) return `${sign}${Math.round(rest * 10) / 10}s`;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return sign + parts.slice(0, 2).join(' ');
}
