// GE: min_value/max_value must be integers (or null, not both), strict_min/strict_max make a
// bound exclusive. min_value > max_value is not an error: every value is then unexpected.
// Deliberate difference: GE's SQL engines ignore strict_min/strict_max for this metric (its
// pandas engine and its documentation honour them); Assay honours them everywhere.
import { describeBetween, outsideBetween } from '../src/engine/aggregate.js';
import { mapExpectation } from '../src/engine/map.js';
import { lengthOf } from './_length.js';
import { InvalidKwargsError } from '../src/errors.js';

type K = { column: string; min_value?: unknown; max_value?: unknown; strict_min?: boolean; strict_max?: boolean; mostly?: number };

const has = (v: unknown) => v !== null && v !== undefined;

/** Python's `float(v).is_integer()`: integral numbers, or text that reads as one. */
function integral(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isInteger(n)) throw new InvalidKwargsError('min_value and max_value must be integers');
  return n;
}

const bound = { type: ['integer', 'string', 'null'], description: 'Length bound (an integer); null or absent for none.' };

export default mapExpectation<K>({
  type: 'expect_column_value_lengths_to_be_between',
  description: 'The length of each value of a column lies between a minimum and a maximum.',
  schema: {
    properties: {
      min_value: bound,
      max_value: bound,
      strict_min: { type: 'boolean', default: false, description: 'Exclude min_value itself.' },
      strict_max: { type: 'boolean', default: false, description: 'Exclude max_value itself.' },
    },
  },
  sentence: (k) => `lengths of ${k.column} ${describeBetween(k)}`,
  check(k) {
    if (!has(k.min_value) && !has(k.max_value)) throw new InvalidKwargsError('min_value and max_value cannot both be None');
    if (has(k.min_value)) integral(k.min_value);
    if (has(k.max_value)) integral(k.max_value);
  },
  unexpected: (ctx) => outsideBetween(lengthOf(ctx), ctx.kwargs, (v) => ctx.dialect.literal(integral(v))),
});
