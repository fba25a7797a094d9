// A dialect is how SQL is spelled for one engine: a base object of standard SQL that each
// dialect file overrides where its engine differs, plus capability flags. Connections live
// elsewhere (src/engine/connection.ts); a dialect only writes text.
//
// Every value a suite supplies goes through `literal`, every name through `ident`:
// a suite can never inject SQL.
import type { Sql } from '../engine/types.js';

export interface Capabilities {
  /** `count(*) FILTER (WHERE ...)` on aggregates. */
  aggregateFilter: boolean;
  /** Regular expressions in SQL. */
  regex: boolean;
  /** Discrete quantiles in one aggregate call for a list of quantiles. */
  quantileList: boolean;
  /**
   * `count(DISTINCT (a, b))` over a tuple is cheap enough to ride in the fused scan (DuckDB
   * hashes it). PostgreSQL sorts tuples with a generic record comparator, several times slower
   * than a GROUP BY of its own, so there a compound uniqueness check runs its own query.
   */
  tupleDistinct: boolean;
  /** `jsonParseable` exists: JSON text can be tested in SQL without raising. */
  jsonParseable: boolean;
}

export interface Dialect {
  name: string;
  capabilities: Capabilities;
  ident(name: string): Sql;
  literal(value: unknown): Sql;
  /** A list of literals for IN (...). */
  list(values: readonly unknown[]): Sql;
  /** True when `expr` equals one of `values` (FALSE for none); values already of the column's kind. */
  inList(expr: Sql, values: readonly unknown[]): Sql;
  /** Text of any value. */
  castText(expr: Sql): Sql;
  castDouble(expr: Sql): Sql;
  /** Cast that yields NULL instead of failing. */
  tryCast(expr: Sql, type: string): Sql;
  /** True when the text contains a match of the pattern (a search, as GE's SQL regex metrics). */
  regexMatch(expr: Sql, pattern: string): Sql;
  /** Text of capture group `group` (1-based) of the pattern's first match, '' when none. */
  regexExtract(expr: Sql, pattern: string, group: number): Sql;
  /** SQL LIKE, with the engine's own escape rules. */
  like(expr: Sql, pattern: string): Sql;
  /** True when the text is a document Python's `json.loads` accepts (GE's json_parseable). */
  jsonParseable(expr: Sql): Sql;
  length(expr: Sql): Sql;
  stddevSamp(expr: Sql): Sql;
  /** Discrete quantiles as an array, GE's `column.quantile_values` on SQL. */
  quantilesDisc(expr: Sql, quantiles: readonly number[]): Sql;
  /** Median, averaging the two middle values for an even count (GE's SQL median). */
  median(expr: Sql): Sql;
  /** `agg FILTER (WHERE cond)`, or its emulation. */
  filter(aggregate: Sql, cond: Sql): Sql;
  isNumericType(type: string): boolean;
  isStringType(type: string): boolean;
  isTemporalType(type: string): boolean;
  isBooleanType(type: string): boolean;
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DOUBLE PRECISION|DECIMAL|NUMERIC|INT2|INT4|INT8|FLOAT4|FLOAT8|SERIAL|BIGSERIAL|VARINT)\b/;
const STRING = /^(VARCHAR|TEXT|STRING|CHAR|CHARACTER|BPCHAR|CHARACTER VARYING|NAME|UUID|JSON)\b/;
const TEMPORAL =
  /^(DATE|TIME|TIMESTAMP|TIMESTAMPTZ|TIMESTAMP WITH TIME ZONE|TIMESTAMP WITHOUT TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMETZ|INTERVAL)\b/;

function quoteString(s: string): Sql {
  if (s.includes('\u0000')) throw new Error('a text value may not contain the NUL character');
  return `'${s.replaceAll("'", "''")}'`;
}

export const baseDialect: Dialect = {
  name: 'base',
  capabilities: { aggregateFilter: true, regex: true, quantileList: false, tupleDistinct: true, jsonParseable: true },

  ident(name) {
    if (name.includes('\u0000')) throw new Error('an identifier may not contain the NUL character');
    return `"${name.replaceAll('"', '""')}"`;
  },

  literal(value) {
    if (value === null || value === undefined) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return "CAST('NaN' AS DOUBLE PRECISION)";
      if (value === Infinity) return "CAST('Infinity' AS DOUBLE PRECISION)";
      if (value === -Infinity) return "CAST('-Infinity' AS DOUBLE PRECISION)";
      // Integers stay integers so comparisons keep the column's type; floats are explicit.
      return Number.isInteger(value) ? String(value) : `${value}`;
    }
    if (typeof value === 'string') return quoteString(value);
    if (value instanceof Date) return `TIMESTAMP ${quoteString(value.toISOString())}`;
    throw new Error(`cannot use ${JSON.stringify(value)} as a SQL value`);
  },

  list(values) {
    return values.map((v) => this.literal(v)).join(', ');
  },

  inList(expr, values) {
    return values.length ? `${expr} IN (${this.list(values)})` : 'FALSE';
  },

  castText: (e) => `CAST(${e} AS VARCHAR)`,
  castDouble: (e) => `CAST(${e} AS DOUBLE PRECISION)`,
  tryCast: (e, type) => `TRY_CAST(${e} AS ${type})`,
  regexMatch(e, pattern) {
    return `regexp_matches(${e}, ${this.literal(pattern)})`;
  },
  regexExtract(e, pattern, group) {
    return `regexp_extract(${e}, ${this.literal(pattern)}, ${Math.trunc(group)})`;
  },
  like(e, pattern) {
    return `${e} LIKE ${this.literal(pattern)}`;
  },
  jsonParseable(e) {
    // DuckDB's json_valid is laxer than Python's json.loads (nan and inf in any case, trailing
    // commas) and stricter on text (lone surrogate escapes). So: every string must be valid JSON
    // text; strings are then blanked, NaN/Infinity/-Infinity (which Python accepts) become a
    // number, and what is left must be valid, without a trailing comma or any other word.
    const validString = String.raw`"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"`;
    const blanked = `regexp_replace(${e}, ${this.literal(String.raw`"(?:[^"\\]|\\.)*"`)}, '""', 'g')`;
    const numbered = `regexp_replace(${blanked}, '-?Infinity|NaN', ' 0 ', 'g')`;
    return (
      `(regexp_full_match(${e}, ${this.literal(`(?:[^"]|${validString})*`)}) AND json_valid(${numbered})` +
      ` AND NOT regexp_matches(${blanked}, ${this.literal(String.raw`,[ \t\n\r]*[\]}]`)})` +
      ` AND NOT regexp_matches(regexp_replace(${numbered}, 'true|false|null|[eE]', '', 'g'), '[A-Za-z]'))`
    );
  },
  length: (e) => `length(${e})`,
  stddevSamp: (e) => `stddev_samp(${e})`,
  quantilesDisc(e, qs) {
    return `quantile_disc(${e}, [${qs.map((q) => this.literal(q)).join(', ')}])`;
  },
  median: (e) => `median(${e})`,
  filter: (agg, cond) => `${agg} FILTER (WHERE ${cond})`,

  isNumericType: (t) => NUMERIC.test(t.toUpperCase()),
  isStringType: (t) => STRING.test(t.toUpperCase()),
  isTemporalType: (t) => TEMPORAL.test(t.toUpperCase()),
  isBooleanType: (t) => /^(BOOLEAN|BOOL)\b/.test(t.toUpperCase()),
};

/** A dialect that overrides some of the base. */
export function defineDialect(
  overrides: Partial<Omit<Dialect, 'capabilities'>> & { name: string; capabilities?: Partial<Capabilities> },
): Dialect {
  return { ...baseDialect, ...overrides, capabilities: { ...baseDialect.capabilities, ...overrides.capabilities } };
}
