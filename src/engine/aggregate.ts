// Column aggregate expectations: the shared judgement of "<metric> between min_value and
// max_value" (GE's _validate_metric_value_between: either bound may be omitted, strict_min and
// strict_max make a bound exclusive, date/time bounds compare as instants), a factory for the
// scalar ones (columnBetween), and the value counts (one GROUP BY query per column) that the
// distinct-value, most-common-value and categorical KL expectations share.
import { type Ctx, type ExpectationDefinition, type Judgement, type JsonSchema, type QueryRunner, type Row, type Sql } from './types.js';
import { InvalidKwargsError } from '../errors.js';

export interface BetweenKwargs {
  min_value?: unknown;
  max_value?: unknown;
  strict_min?: boolean;
  strict_max?: boolean;
}

const bound: JsonSchema = {
  type: ['number', 'string', 'null'],
  description: 'Bound (number, or ISO date/time text for temporal values); null or absent for none.',
};

export const betweenSchema: JsonSchema = {
  properties: {
    min_value: bound,
    max_value: bound,
    strict_min: { type: 'boolean', description: 'Exclude min_value itself.' },
    strict_max: { type: 'boolean', description: 'Exclude max_value itself.' },
  },
};

/** A bound that is given (GE: not None). */
const has = (v: unknown) => v !== null && v !== undefined;

export function checkBetween(k: BetweenKwargs, { requireOne = true } = {}): void {
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
  const aboveMin = !has(k.min_value) || (k.strict_min ? compare(value, k.min_value) > 0 : compare(value, k.min_value) >= 0);
  const belowMax = !has(k.max_value) || (k.strict_max ? compare(value, k.max_value) < 0 : compare(value, k.max_value) <= 0);
  return aboveMin && belowMax;
}

/**
 * SQL true when `expr` lies outside the given bounds (at least one must be given), each bound
 * rendered by `literal`: the unexpected rows of a map expectation on bounds.
 */
export function outsideBetween(expr: Sql, k: BetweenKwargs, literal: (bound: unknown) => Sql): Sql {
  const ok: string[] = [];
  if (has(k.min_value)) ok.push(`${expr} ${k.strict_min ? '>' : '>='} ${literal(k.min_value)}`);
  if (has(k.max_value)) ok.push(`${expr} ${k.strict_max ? '<' : '<='} ${literal(k.max_value)}`);
  return `NOT (${ok.join(' AND ')})`;
}

/** "between 0 and 100000", "at least 5", "more than 3", for report sentences. */
export function describeBetween(k: BetweenKwargs): string {
  const lo = has(k.min_value) ? String(k.min_value) : null;
  const hi = has(k.max_value) ? String(k.max_value) : null;
  if (lo !== null && hi !== null) {
    return `between ${lo} and ${hi}${k.strict_min || k.strict_max ? ` (${[k.strict_min && 'exclusive of min', k.strict_max && 'exclusive of max'].filter(Boolean).join(', ')})` : ''}`;
  }
  if (lo !== null) return k.strict_min ? `greater than ${lo}` : `at least ${lo}`;
  if (hi !== null) return k.strict_max ? `less than ${hi}` : `at most ${hi}`;
  return 'of any value';
}

// ---- bounds as GE 1.x reads them ----------------------------------------------------------
// GE types min_value/max_value as Comparable = float | date | datetime (pydantic): a number
// (numeric text is accepted), or ISO date/time text; anything else is refused with pydantic's
// "invalid datetime format". Date/times are compared as instants, not as text.

/** A date or date/time, as microseconds since the epoch (naive values read as UTC). */
export interface Instant {
  micros: bigint;
}

const ISO =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?(?::?\d{2})?)?\s*$/i;

/** Parses ISO date/time text (pydantic's formats, and DuckDB's/PostgreSQL's output). */
export function parseInstant(text: string): Instant | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const date = new Date(0);
  date.setUTCFullYear(+y!, +mo! - 1, +d!);
  date.setUTCHours(+h, +mi, +s, 0);
  if (Number.isNaN(date.getTime()) || date.getUTCMonth() !== +mo! - 1 || date.getUTCDate() !== +d!) return null;
  let micros = BigInt(date.getTime()) * 1000n + BigInt((frac + '000000').slice(0, 6));
  if (tz && tz.toUpperCase() !== 'Z') {
    const digits = tz.slice(1).replaceAll(':', '');
    const offset = (+digits.slice(0, 2) * 3600 + +(digits.slice(2, 4) || 0) * 60 + +(digits.slice(4, 6) || 0)) * 1_000_000;
    micros -= BigInt(tz[0] === '-' ? -offset : offset);
  }
  return { micros };
}

const isInstant = (v: unknown): v is Instant => typeof v === 'object' && v !== null && 'micros' in v;
const NUMERIC_TEXT = /^\s*[-+]?(?:(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|inf(?:inity)?|nan)\s*$/i;

/** One bound as GE's Comparable: null, a number, or an instant. Throws like pydantic does. */
export function parseBound(value: unknown, name: string): number | Instant | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidKwargsError(`${name}: ${value} is not a finite number`);
    return value;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    if (NUMERIC_TEXT.test(value)) {
      const n = Number(value.trim().replace(/^([-+]?)inf$/i, '$1Infinity'));
      // A NaN bound passes every value in one comparison and fails every value in another.
      if (!Number.isFinite(n)) throw new InvalidKwargsError(`${name}: ${JSON.stringify(value)} is not a finite number`);
      return n;
    }
    const instant = parseInstant(value);
    if (instant) return instant;
    throw new InvalidKwargsError(`${name}: invalid datetime format: ${JSON.stringify(value)} is neither a number nor an ISO date/time`);
  }
  if (typeof value === 'object' && value !== null && '$PARAMETER' in value) {
    throw new InvalidKwargsError(`${name}: suite parameters ($PARAMETER) are not supported; give the value itself`);
  }
  throw new InvalidKwargsError(`${name}: ${JSON.stringify(value)} is not a number or a date/time`);
}

const pyType = (v: unknown) => (isInstant(v) ? 'datetime' : typeof v === 'number' ? 'float' : typeof v === 'string' ? 'str' : typeof v);

function compareComparable(a: number | string | Instant, b: number | Instant, op: string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isInstant(a) && isInstant(b)) return a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : 0;
  throw new TypeError(`'${op}' not supported between instances of '${pyType(a)}' and '${pyType(b)}'`);
}

/**
 * GE's _validate_metric_value_between on an observed value that is not null: true when it
 * lies within the bounds (both absent: vacuously true). `temporal` says the value is the
 * date/time text of a temporal column; text compared with a date/time bound is parsed too.
 */
export function judgeBetween(observed: unknown, k: BetweenKwargs, { temporal = false } = {}): boolean {
  const min = parseBound(k.min_value, 'min_value');
  const max = parseBound(k.max_value, 'max_value');
  let value: number | string | Instant;
  if (typeof observed === 'boolean') value = observed ? 1 : 0;
  else if (typeof observed === 'bigint') value = Number(observed);
  else if (typeof observed === 'number') value = observed;
  else value = String(observed);
  if (typeof value === 'string' && (temporal || isInstant(min) || isInstant(max))) {
    const parsed = parseInstant(value);
    if (!parsed) throw new TypeError(`Could not parse "metric_value" of ${JSON.stringify(value)} into datetime representation.`);
    value = parsed;
  }
  const aboveMin = min === null || (k.strict_min ? compareComparable(value, min, '>') > 0 : compareComparable(value, min, '>=') >= 0);
  const belowMax = max === null || (k.strict_max ? compareComparable(value, max, '<') < 0 : compareComparable(value, max, '<=') <= 0);
  return aboveMin && belowMax;
}

/** DuckDB/PostgreSQL date/time text as Python's isoformat() writes it (GE's JSON results). */
export function isoText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^(\d{4,}-\d{2}-\d{2})?[ T]?(\d{2}:\d{2}:\d{2})?(\.\d+)?([+-]\d{2}(?::?\d{2})?|Z)?$/.exec(value);
  if (!m || (!m[1] && !m[2])) return value;
  const [, date, time, frac, tz] = m;
  const micros = frac ? (frac.slice(1) + '000000').slice(0, 6) : '';
  const zone = tz ? (tz === 'Z' ? '+00:00' : tz.length === 3 ? `${tz}:00` : tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz) : '';
  const clock = time ? `${time}${micros && micros !== '000000' ? `.${micros}` : ''}${zone}` : '';
  return date && clock ? `${date}T${clock}` : (date ?? clock);
}

// ---- column aggregate results ----------------------------------------------------------------

/** A column aggregate's result for its result_format: GE empties it for BOOLEAN_ONLY. */
export function aggregateResult(ctx: Ctx, success: boolean, result: Record<string, unknown>): Judgement {
  return { success, result: ctx.resultFormat.result_format === 'BOOLEAN_ONLY' ? {} : result };
}

export type ColumnBetweenKwargs = BetweenKwargs & { column: string };

export interface ColumnBetweenSpec {
  type: string;
  description: string;
  /** What is measured, for report sentences: "minimum", "mean". */
  noun: string;
  /** The metric over the column `c` (quoted; booleans cast to 0/1 when `numeric`), fused into the scan. */
  metric(ctx: Ctx<ColumnBetweenKwargs>, c: Sql): Sql;
  /** The metric keeps the column's type (min, max, median): dates stay dates. */
  keepsType?: boolean;
  /** The column must be numeric (booleans count as 0/1, as GE's SQLite and pandas do). */
  numeric?: boolean;
  /** Turns the fused metrics into the observed value; default: the metric itself. */
  observe?(metrics: Row): unknown;
  /** Extra metrics beside `value`, for `observe`. */
  extra?(ctx: Ctx<ColumnBetweenKwargs>, c: Sql): Record<string, Sql>;
}

/**
 * A "<metric of a column> between min_value and max_value" expectation (GE's column
 * aggregate expectations built on _validate_metric_value_between). The metric is one
 * scalar aggregate in the fused scan; a null (or NaN) metric fails with observed_value null.
 */
export function columnBetween(spec: ColumnBetweenSpec): ExpectationDefinition<ColumnBetweenKwargs> {
  const temporal = (ctx: Ctx<ColumnBetweenKwargs>) => !!spec.keepsType && ctx.dialect.isTemporalType(ctx.typeOf(ctx.kwargs.column));
  const notNumeric = (ctx: Ctx<ColumnBetweenKwargs>) => {
    const type = ctx.typeOf(ctx.kwargs.column);
    return !!spec.numeric && !ctx.dialect.isNumericType(type) && !ctx.dialect.isBooleanType(type);
  };
  return {
    type: spec.type,
    family: 'column_aggregate',
    description: spec.description,
    schema: betweenSchema,
    sentence: (k) => `${spec.noun} of ${k.column} ${describeBetween(k)}`,
    columns: (k) => [k.column],
    check(k) {
      parseBound(k.min_value, 'min_value');
      parseBound(k.max_value, 'max_value');
    },
    plan(ctx): Record<string, Sql> {
      const k = ctx.kwargs;
      parseBound(k.min_value, 'min_value');
      parseBound(k.max_value, 'max_value');
      const d = ctx.dialect;
      const type = ctx.typeOf(k.column);
      let c = ctx.col(k.column);
      // A non-numeric column fails in judge, unless it has no values at all (GE: null).
      if (notNumeric(ctx)) return { nonnull: ctx.agg({ fn: 'count', arg: c }) };
      if (spec.numeric && d.isBooleanType(type)) c = `CAST(${c} AS INTEGER)`;
      const value = spec.metric(ctx, c);
      return { value: temporal(ctx) ? d.castText(value) : value, ...(spec.extra?.(ctx, c) ?? {}) };
    },
    judge(ctx, m) {
      if (notNumeric(ctx)) {
        if (Number(m.nonnull) > 0) {
          throw new InvalidKwargsError(`column ${JSON.stringify(ctx.kwargs.column)} is ${ctx.typeOf(ctx.kwargs.column)}, not numeric`);
        }
        return aggregateResult(ctx, false, { observed_value: null });
      }
      let raw = spec.observe ? spec.observe(m) : m.value;
      // Integers beyond 2^53 (HUGEINT sums) arrive as text.
      if (typeof raw === 'string' && (spec.numeric || ctx.dialect.isNumericType(ctx.typeOf(ctx.kwargs.column)))) raw = Number(raw);
      if (raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw))) {
        return aggregateResult(ctx, false, { observed_value: null });
      }
      const t = temporal(ctx);
      const success = judgeBetween(raw, ctx.kwargs, { temporal: t });
      // GE parses a text metric into a datetime when a bound is one, and reports that datetime.
      const parsed = typeof raw === 'string' && [ctx.kwargs.min_value, ctx.kwargs.max_value].some((b) => isInstant(parseBound(b, 'bound')));
      const shown = t ? isoText(raw) : parsed ? String(isoText(raw)).replace(/^(\d{4,}-\d{2}-\d{2})$/, '$1T00:00:00') : raw;
      return aggregateResult(ctx, success, { observed_value: shown });
    },
  };
}

// ---- value counts --------------------------------------------------------------------------

export interface ValueCount {
  value: unknown;
  count: number;
}

/**
 * The non-null values of a column with their counts, sorted by value (GE's column.value_counts).
 * One GROUP BY query; every expectation on the same column and row_condition builds the same
 * SQL text, so `run` answers them all from its cache.
 */
export async function valueCounts(ctx: Ctx, column: string, run: QueryRunner): Promise<ValueCount[]> {
  const c = ctx.col(column);
  const type = ctx.typeOf(column);
  const temporal = ctx.dialect.isTemporalType(type);
  const numeric = ctx.dialect.isNumericType(type);
  // Dates and times are read as the engine's text, then written as Python's isoformat().
  const value = temporal ? ctx.dialect.castText(c) : c;
  const rows = await run(`SELECT ${value} AS value, count(*) AS n ${ctx.from(`${c} IS NOT NULL`)} GROUP BY ${c}`);
  // Drivers return big integers and decimals as text; GE's JSON has them as numbers.
  const read = (v: unknown) => (temporal ? isoText(v) : numeric && typeof v === 'string' ? Number(v) : v);
  return rows.map((r) => ({ value: read(r.value), count: Number(r.n) })).sort((a, b) => sortValues(a.value, b.value));
}

/** Python's sort order for one column's values: numbers numerically, text by code point. */
export function sortValues(a: unknown, b: unknown): number {
  if ((typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean')) return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * A key under which a suite's value equals a column's value as Python's set() would see
 * it: 1 and 1.0 are one value, 1 and "1" are not; date/times of a temporal column compare
 * as instants, whatever their spelling.
 */
export function valueKey(value: unknown, temporal = false): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `n:${Number(value)}`;
  if (typeof value === 'string') {
    if (temporal) {
      const instant = parseInstant(value);
      if (instant) return `t:${instant.micros}`;
    }
    return `s:${value}`;
  }
  return `j:${JSON.stringify(value)}`;
}

// ---- distinct value sets -------------------------------------------------------------------

/**
 * Most values an observed_value list carries, whatever the result_format: a column of a million
 * distinct values would otherwise put them all in the result (hundreds of MB of JSON and HTML).
 */
export const OBSERVED_VALUES_MAX = 1000;

/** How many differing rows or groups a comparison samples: none for BOOLEAN_ONLY, up to OBSERVED_VALUES_MAX for COMPLETE. */
export function sampleLimit(ctx: Ctx<unknown>): number {
  const rf = ctx.resultFormat;
  if (rf.result_format === 'BOOLEAN_ONLY') return 0;
  return rf.result_format === 'COMPLETE' ? OBSERVED_VALUES_MAX : rf.partial_unexpected_count;
}

/**
 * observed_value and details.value_counts of a value-count list, capped as samples are: the
 * first OBSERVED_VALUES_MAX in order, and `observed_value_count` saying how many there were.
 */
export function cappedValues(counts: ValueCount[]): Record<string, unknown> {
  const shown = counts.length > OBSERVED_VALUES_MAX ? counts.slice(0, OBSERVED_VALUES_MAX) : counts;
  return {
    observed_value: shown.map((c) => c.value),
    ...(shown.length < counts.length ? { observed_value_count: counts.length } : {}),
    details: { value_counts: shown },
  };
}

export interface DistinctSetKwargs {
  column: string;
  value_set?: unknown[] | null;
}

export interface DistinctSetSpec {
  type: string;
  description: string;
  sentence(kwargs: DistinctSetKwargs): string;
  /** value_set may be null or absent (an empty set). */
  optionalSet?: boolean;
  /** Judges the column's distinct values against the value set, both as valueKey sets. */
  success(observed: Set<string>, expected: Set<string>): boolean;
}

/**
 * An expectation on a column's set of distinct values (GE 1.2's distinct_values family):
 * observed_value is the sorted distinct non-null values, details.value_counts their counts.
 */
export function distinctSetExpectation(spec: DistinctSetSpec): ExpectationDefinition<DistinctSetKwargs> {
  const valueSet: JsonSchema = {
    type: 'array',
    items: { type: ['string', 'number', 'boolean', 'null'] },
    description: 'The set of values.',
  };
  return {
    type: spec.type,
    family: 'column_aggregate',
    description: spec.description,
    schema: {
      properties: { value_set: spec.optionalSet ? { anyOf: [valueSet, { type: 'null' }] } : valueSet },
      required: spec.optionalSet ? [] : ['value_set'],
    },
    sentence: spec.sentence,
    columns: (k) => [k.column],
    check(k) {
      if (!spec.optionalSet && !Array.isArray(k.value_set)) throw new InvalidKwargsError('value_set must be a list of values');
    },
    plan(ctx) {
      if (!spec.optionalSet && !Array.isArray(ctx.kwargs.value_set)) throw new InvalidKwargsError('value_set must be a list of values');
      return {};
    },
    async judge(ctx, _m, run) {
      const counts = await valueCounts(ctx, ctx.kwargs.column, run);
      const temporal = ctx.dialect.isTemporalType(ctx.typeOf(ctx.kwargs.column));
      const observed = new Set(counts.map((c) => valueKey(c.value, temporal)));
      const expected = new Set((ctx.kwargs.value_set ?? []).map((v) => valueKey(v, temporal)));
      return aggregateResult(ctx, spec.success(observed, expected), cappedValues(counts));
    },
  };
}
