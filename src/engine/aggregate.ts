// Shared judgement of "<metric> between min_value and max_value" expectations, as Great
// Expectations' _validate_metric_value_between: either bound may be omitted, strict_min and
// strict_max make a bound exclusive.
import { InvalidKwargsError, type JsonSchema } from './types.js';

export interface BetweenKwargs {
  min_value?: unknown;
  max_value?: unknown;
  strict_min?: boolean;
  strict_max?: boolean;
}

const bound: JsonSchema = { description: 'Bound (number, or ISO date/time text for temporal values); null or absent for none.' };

export const betweenSchema: JsonSchema = {
  properties: {
    min_value: bound,
    max_value: bound,
    strict_min: { type: 'boolean', description: 'Exclude min_value itself.' },
    strict_max: { type: 'boolean', description: 'Exclude max_value itself.' },
  },
};

export function checkBetween(k: BetweenKwargs, { requireOne = true } = {}): void {
  const has = (v: unknown) => v !== null && v !== undefined;
  if (requireOne && !has(k.min_value) && !has(k.max_value)) {
    throw new InvalidKwargsError('min_value and max_value cannot both be None');
  }
  if (has(k.min_value) && has(k.max_value) && compare(k.min_value, k.max_value) > 0) {
    throw new InvalidKwargsError('min_value cannot be greater than max_value');
  }
}

/** Orders two values: numbers numerically, dates/text by their ISO text. */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'bigint' || typeof b === 'bigint') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function isBetween(value: unknown, k: BetweenKwargs): boolean {
  if (value === null || value === undefined) return false;
  const has = (v: unknown) => v !== null && v !== undefined;
  const aboveMin = !has(k.min_value) || (k.strict_min ? compare(value, k.min_value) > 0 : compare(value, k.min_value) >= 0);
  const belowMax = !has(k.max_value) || (k.strict_max ? compare(value, k.max_value) < 0 : compare(value, k.max_value) <= 0);
  return aboveMin && belowMax;
}

/** "between 0 and 100000", "at least 5", "more than 3", for report sentences. */
export function describeBetween(k: BetweenKwargs): string {
  const has = (v: unknown) => v !== null && v !== undefined;
  const lo = has(k.min_value) ? String(k.min_value) : null;
  const hi = has(k.max_value) ? String(k.max_value) : null;
  if (lo !== null && hi !== null) {
    return `between ${lo} and ${hi}${k.strict_min || k.strict_max ? ` (${[k.strict_min && 'exclusive of min', k.strict_max && 'exclusive of max'].filter(Boolean).join(', ')})` : ''}`;
  }
  if (lo !== null) return k.strict_min ? `greater than ${lo}` : `at least ${lo}`;
  if (hi !== null) return k.strict_max ? `less than ${hi}` : `at most ${hi}`;
  return 'of any value';
}
